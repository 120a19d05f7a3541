//! The service catalog (contract: service.graphql), and the service order placeholder the CRM's
//! customer fields use until service orders ship.

mod inputs;
mod mutation;
mod query;
mod types;

pub use inputs::{ProductInput, ServiceInput};
pub use mutation::ServiceMutation;
pub use query::ServiceQuery;
pub use types::{Product, ProductConnection, Service, ServiceConnection, ServiceOrder, Unit};
