//! The service catalog: the parts (products) and the labour (services) a workshop sells, which
//! service orders are made of.

pub mod events;
mod input;
mod item;
mod labour;
mod models;
mod product;

pub use input::{ProductInput, ServiceInput};
pub use labour::ServicePage;
pub use models::{Product, Service, Unit};
pub use product::{ProductFilter, ProductPage};
