//! Service orders (`/painel/ordens`): the staff's board, the new order, and the order's page.

mod orders;

pub use orders::{NewServiceOrderPage, ServiceOrderPage, ServiceOrdersPage, new_order_href, order_path};
