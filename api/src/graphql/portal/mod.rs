//! The portal context (contract: portal.graphql): status links that show one order to anyone
//! holding them, and the customer's partner benefits (empty until the partners issue).

mod mutation;
mod query;
mod subscription;
mod types;

pub use mutation::PortalMutation;
pub use query::PortalQuery;
pub use subscription::PortalSubscription;
pub use types::{Benefit, PublicUrl};
