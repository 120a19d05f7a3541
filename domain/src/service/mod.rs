//! The service context: the catalog of parts (products) and labour (services), and the service
//! orders made of them, from quote to finished and paid.

mod batch;
pub mod events;
mod history;
mod input;
mod item;
mod labour;
mod models;
mod order;
mod order_input;
mod order_items;
mod order_status;
mod product;
mod stats;
pub mod totals;

pub use input::{ProductInput, ServiceInput};
pub use labour::ServicePage;
pub use models::{Installment, OrderItem, OrderStatus, PaymentMethod, Product, Service, ServiceOrder, Unit};
pub(crate) use order::lock_open;
pub use order::{OrderFilter, OrderPage, OrderViewer};
pub use order_input::{ItemChange, ItemInput, OrderHeader, OrderInput, PaymentPlanInput, installment_count};
pub use product::{ProductFilter, ProductPage};
pub use stats::{CustomerStats, Warranty};
