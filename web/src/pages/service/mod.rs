//! Service orders for the staff: the printable order and the mechanic's own orders.

mod my_orders;
mod print;

pub use my_orders::MyOrdersPage;
pub use print::PrintOrderPage;
