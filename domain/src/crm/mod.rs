//! The CRM core: customers (with e-mails, phones and addresses) and their vehicles.

mod customer;
pub mod events;
mod export;
mod models;
mod vehicle;

pub use customer::{
    AddressInput, CustomerCursor, CustomerDetails, CustomerInput, CustomerPage, PhoneInput, STATES,
};
pub use models::{
    AddressKind, Customer, CustomerAddress, CustomerEmail, CustomerKind, CustomerPhone, Fuel, PhoneKind,
    Vehicle, VehicleKind, VehicleModel,
};
pub use vehicle::VehicleInput;
