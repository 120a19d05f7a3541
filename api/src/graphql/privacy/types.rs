//! Consents, data-export links and the access log as clients see them.

use async_graphql::connection::{Connection, EmptyFields};
use async_graphql::{Enum, SimpleObject};
use chrono::{DateTime, Utc};

use crate::graphql::audit::EventActor;

/// A channel the customer answers for.
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "oficina_domain::crm::ConsentChannel")]
pub enum ConsentChannel {
    /// Marketing messages by e-mail.
    Email,
    /// Marketing messages by WhatsApp.
    Whatsapp,
    /// Marketing messages by SMS.
    Sms,
    /// Sharing name and contacts with the workshop's partners.
    PartnerSharing,
}

/// How a consent changed.
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "oficina_domain::crm::ConsentSource")]
pub enum ConsentSource {
    /// Staff recorded the customer's answer.
    Staff,
    /// The customer changed it in the portal.
    Portal,
    /// The customer unsubscribed (a link or the e-mail provider).
    Unsubscribe,
    /// The customer reported a message as spam.
    SpamReport,
    /// The answer recorded before the log existed.
    Migration,
}

/// What staff did with a customer's personal data.
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "oficina_domain::privacy::AccessAction")]
pub enum AccessAction {
    /// Saw the customer's whole CPF.
    ViewedDocument,
    /// Exported the customer's data on their request.
    ExportedData,
    /// Downloaded a customer list holding the customer's whole CPF.
    ExportedList,
}

/// The customer's current answer for a channel.
#[derive(SimpleObject)]
pub struct ChannelConsent {
    pub channel: ConsentChannel,
    pub granted: bool,
    /// When the answer last changed; null when it never did (the default: not granted).
    pub changed_at: Option<DateTime<Utc>>,
}

/// One change of a customer's consent.
#[derive(SimpleObject)]
pub struct ConsentLogEntry {
    pub at: DateTime<Utc>,
    pub channel: ConsentChannel,
    pub granted: bool,
    pub source: ConsentSource,
    /// Who changed it: null for the e-mail provider's reports and the migration.
    pub actor: Option<EventActor>,
}

/// A page of a customer's consent log, newest first.
pub type ConsentLogConnection = Connection<String, ConsentLogEntry, EmptyFields, EmptyFields>;

/// One row of a customer's access log.
#[derive(SimpleObject)]
pub struct AccessLogEntry {
    pub at: DateTime<Utc>,
    pub action: AccessAction,
    pub actor: EventActor,
}

/// A page of a customer's access log, newest first.
pub type AccessLogConnection = Connection<String, AccessLogEntry, EmptyFields, EmptyFields>;

/// A short-lived link to download a customer's data as a zip (JSON and CSV).
#[derive(SimpleObject)]
pub struct DataExportLink {
    /// Works for 15 minutes, for this customer only; anyone holding it can download.
    pub url: String,
    pub expires_at: DateTime<Utc>,
}
