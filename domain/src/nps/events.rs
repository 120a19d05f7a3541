//! What the NPS context records in the audit trail.

use serde::Serialize;

use super::score::Band;
use crate::audit::EventKind;

/// The aggregate type of NPS events: an answer.
pub const NPS_RESPONSE: &str = "nps_response";

/// A customer answered the survey of an order: [`Answered`].
pub const NPS_ANSWERED: EventKind = EventKind::new(NPS_RESPONSE, "nps_response.answered");
/// A detractor (0–6) answered: the workshop's admins were alerted by e-mail: [`DetractorAlerted`].
pub const NPS_DETRACTOR_ALERTED: EventKind = EventKind::new(NPS_RESPONSE, "nps_response.detractor_alerted");
/// The ADMIN changed the review link: [`SettingsUpdated`].
pub const NPS_SETTINGS_UPDATED: EventKind = EventKind::new("workshop", "workshop.nps_settings_updated");

/// An answer.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Answered {
    pub customer_id: i64,
    pub service_order_id: i64,
    pub score: i32,
    pub band: Band,
    /// Through the e-mailed link (no sign-in) rather than the portal.
    pub by_link: bool,
}

/// A detractor's answer and who was alerted.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DetractorAlerted {
    pub customer_id: i64,
    pub service_order_id: i64,
    pub score: i32,
    /// How many admins were e-mailed.
    pub admins: usize,
}

/// The review link, before and after.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SettingsUpdated {
    pub review_url_before: Option<String>,
    pub review_url: Option<String>,
}
