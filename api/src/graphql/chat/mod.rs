//! The chat context (contract: chat.graphql): conversations between a workshop and each of its
//! customers, the staff inbox, and both sides' live feeds.

mod loaders;
mod mutation;
mod query;
mod subscription;
mod types;

pub use mutation::ChatMutation;
pub use query::ChatQuery;
pub use subscription::ChatSubscription;
