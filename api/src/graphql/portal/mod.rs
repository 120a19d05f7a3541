//! The portal context (contract: portal.graphql): status links that show one order to anyone
//! holding them, and the customer's loyalty (empty until the loyalty issue); the benefits are the
//! partners context's.

mod mutation;
mod query;
mod subscription;
mod types;

pub use mutation::PortalMutation;
pub use query::PortalQuery;
pub use subscription::PortalSubscription;
pub use types::{CustomerLoyalty, PublicUrl};
