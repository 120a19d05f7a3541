//! The CRM core: customers (with e-mails, phones and addresses) and their vehicles.

pub(crate) mod catalog;
mod consent;
mod customer;
mod erasure;
pub mod events;
mod export;
mod models;
mod vehicle;

pub use catalog::STATES;
pub use consent::{ConsentChange, ConsentChanged, ConsentChannel, ConsentSource};
pub use customer::{AddressInput, CustomerDetails, CustomerInput, CustomerPage, PhoneInput};
pub use erasure::CustomerErased;
pub use models::{
    AddressKind, Customer, CustomerAddress, CustomerEmail, CustomerKind, CustomerPhone, Fuel, PhoneKind,
    Vehicle, VehicleKind, VehicleModel,
};
pub use vehicle::VehicleInput;
