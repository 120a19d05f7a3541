//! LGPD (contract: security.graphql): consents per channel and their log, the customer's data
//! export, and the log of staff access to customers' personal data.

mod access_log;
mod consents;
mod mutation;
mod query;
mod types;

pub use access_log::{AccessLogWriter, DocumentViews, saw_document};
pub use consents::{ConsentLoader, consent_log, consents_of};
pub use mutation::PrivacyMutation;
pub use query::PrivacyQuery;
pub use types::{ChannelConsent, ConsentLogConnection};
