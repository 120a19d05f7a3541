//! What the privacy context records in the audit trail.

use serde::Serialize;

use crate::audit::EventKind;

/// A download link of a customer's data was created: [`DataExportRequested`].
pub const DATA_EXPORT_REQUESTED: EventKind = EventKind::new("customer", "customer.data_export_requested");

/// Who asked for a data export: the customer in the portal, or staff on the customer's request.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DataExportRequested {
    pub by_staff: bool,
}
