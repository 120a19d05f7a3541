//! The chat's link splitting runs here natively: `web/src/pages/chat/text.rs` is plain Rust with
//! its own unit tests, and the web crate itself is built only for wasm, outside `cargo xtask test`.

#[path = "../web/src/pages/chat/text.rs"]
mod text;
