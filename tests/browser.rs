//! Browser tests come here.
