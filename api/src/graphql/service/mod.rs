//! The service context (contract: service.graphql): the catalog of parts and labour, and the
//! service orders made of them.

mod history;
mod inputs;
pub(crate) mod loaders;
mod mutation;
mod order_types;
mod query;
mod subscription;
mod types;

pub use history::vehicle_orders;
pub use inputs::{ProductInput, ServiceInput};
pub use loaders::{ServiceLoader, StatsOf};
pub use mutation::ServiceMutation;
pub use order_types::{
    Mechanic, PaymentMethod, ServiceOrder, ServiceOrderConnection, ServiceOrderStatus, Warranty, load_vehicle,
};
pub use query::{ServiceQuery, orders_page, viewer};
pub use subscription::ServiceSubscription;
pub use types::{Product, ProductConnection, Service, ServiceConnection, Unit};
