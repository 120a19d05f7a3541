//! Service orders: placeholder types until the service module ships.

mod types;

pub use types::ServiceOrder;
