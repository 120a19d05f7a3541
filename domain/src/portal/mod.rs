//! The customer portal's own records: status links, which let anyone holding one follow a single
//! service order without signing in.

pub mod events;
mod models;
mod public_status;
mod status_link;

pub use models::StatusLink;
pub use public_status::PublicOrderStatus;
pub use status_link::{CreatedLink, LINK_LIFETIME_AFTER_CLOSE};
