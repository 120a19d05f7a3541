//! The portal context (contract: portal.graphql): status links that show one order to anyone
//! holding them. The customer's loyalty and benefits are the loyalty and partners contexts'.

mod mutation;
mod query;
mod subscription;
mod types;

pub use mutation::PortalMutation;
pub use query::PortalQuery;
pub use subscription::PortalSubscription;
pub use types::PublicUrl;
