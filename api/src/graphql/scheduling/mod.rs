//! The scheduling context (contract: scheduling.graphql): the workshop's calendar, its free
//! slots, and the appointments customers and staff book in it, live.

mod inputs;
mod loaders;
mod mutation;
mod query;
mod subscription;
mod types;

pub use mutation::SchedulingMutation;
pub use query::SchedulingQuery;
pub use subscription::SchedulingSubscription;
pub use types::{Appointment, no_show_count, upcoming_of_customer};
