//! What status links record in the audit trail. A service order's links are kept together: their
//! events' aggregate is the order (`aggregate_type` `status_link`, `aggregate_id` the order's id).

use serde::Serialize;

use crate::audit::EventKind;

/// The type of aggregate of every status-link event.
pub const STATUS_LINK: &str = "status_link";

/// Staff created a link to an order's status: [`LinkCreated`].
pub const STATUS_LINK_CREATED: EventKind = EventKind::new(STATUS_LINK, "status_link.created");
/// Staff revoked every link of an order: [`LinksRevoked`].
pub const STATUS_LINKS_REVOKED: EventKind = EventKind::new(STATUS_LINK, "status_link.revoked");

/// A new link (never its token).
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LinkCreated<'a> {
    pub link_id: i64,
    /// The customer's e-mail the link was sent to, if it was.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub emailed_to: Option<&'a str>,
}

/// How many links stopped working.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LinksRevoked {
    pub revoked: usize,
}
