//! The NPS context (contract: portal.graphql, AnswerNps and NpsReport): the survey of a finished
//! order answered from the portal or from the e-mailed link, the ADMIN's report and review link.

mod mutation;
mod query;
mod types;

pub use mutation::NpsMutation;
pub use query::NpsQuery;
pub use types::{PendingNps, pending_of_customer};
