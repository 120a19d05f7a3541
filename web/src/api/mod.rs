//! Talking to the server: typed GraphQL operations generated from `schema.graphql`, the one function
//! that posts them, the error type every caller switches on, who is signed in, and live
//! subscriptions over the WebSocket.

pub mod chat;
mod client;
mod error;
pub mod live;
pub mod loyalty;
pub mod nps;
pub mod operations;
pub mod partners;
pub mod portal;
pub mod privacy;
pub mod scheduling;
pub mod security;
mod session;

pub use client::{request, set_language};
pub use error::ApiError;
pub use live::{LiveStatus, subscribe, subscribe_public};
pub use operations::Role;
pub use session::{Area, CurrentUser, Session};
