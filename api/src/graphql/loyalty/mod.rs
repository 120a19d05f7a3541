//! Loyalty programs: the ADMIN manages them, staff apply rewards to open orders, customers and
//! staff see each customer's progress (`Customer.loyalty`, batched per list).

mod inputs;
mod loaders;
mod mutation;
mod query;
mod types;

pub use loaders::customer_loyalty;
pub use mutation::LoyaltyMutation;
pub use query::LoyaltyQuery;
pub use types::CustomerLoyalty;
