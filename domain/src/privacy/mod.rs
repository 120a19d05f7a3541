//! LGPD: a customer's data export (art. 18) with its short-lived download links, and the log of
//! staff access to a customer's personal data (art. 37).

mod access_log;
mod consent_log;
mod data_export;
pub mod events;
mod export_content;

pub use access_log::{AccessAction, AccessEntry, AccessPage, NewAccess};
pub use consent_log::{ConsentLogEntry, ConsentLogPage};
pub use data_export::{CreatedExport, DataExport, EXPORT_LINK_LIFETIME};
pub use export_content::Sheet;
