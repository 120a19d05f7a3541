//! Oficina's integration tests live in `main.rs` (one test binary); this library is empty.
