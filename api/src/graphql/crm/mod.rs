//! Customers and vehicles (contract: crm.graphql).

mod inputs;
mod loaders;
mod mutation;
mod query;
mod types;

pub use inputs::{CustomerInput, VehicleInput};
pub use loaders::CustomerLoader;
pub use mutation::CrmMutation;
pub use query::CrmQuery;
pub use types::{
    AddressKind, Customer, CustomerConnection, Fuel, PhoneKind, State, Vehicle, VehicleKind, VehicleModel,
};
