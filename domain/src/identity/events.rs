//! What identity records in the audit trail: the kinds of its events and their payloads.

use serde::Serialize;

use super::models::Role;
use crate::audit::EventKind;

/// A workshop signed up: [`WorkshopRegistered`].
pub const WORKSHOP_REGISTERED: EventKind = EventKind::new("workshop", "workshop.registered");
/// Someone signed in: [`SessionStarted`].
pub const SESSION_STARTED: EventKind = EventKind::new("session", "session.started");
/// Someone signed out; the event is about the session (its id is the aggregate id); no payload.
pub const SESSION_ENDED: EventKind = EventKind::new("session", "session.ended");
/// An ADMIN added a staff member: [`MemberAdded`].
pub const STAFF_ADDED: EventKind = EventKind::new("membership", "staff.added");
/// A CUSTOMER or PARTNER login was added (the demo): [`MemberAdded`].
pub const MEMBER_ADDED: EventKind = EventKind::new("membership", "member.added");
/// A CUSTOMER login was linked to its customer record (the demo): [`CustomerLinked`].
pub const CUSTOMER_LINKED: EventKind = EventKind::new("membership", "membership.customer_linked");
/// A customer was invited to the portal: [`InvitationSent`].
pub const INVITATION_SENT: EventKind = EventKind::new("customer", "invitation.sent");
/// An invitation was accepted: [`InvitationAccepted`].
pub const INVITATION_ACCEPTED: EventKind = EventKind::new("membership", "invitation.accepted");
/// Someone asked for a password-reset link; no payload.
pub const PASSWORD_RESET_REQUESTED: EventKind = EventKind::new("user", "password.reset_requested");
/// A password was reset, which ended every session of the user (its id is the aggregate id):
/// [`PasswordReset`].
pub const PASSWORD_RESET: EventKind = EventKind::new("user", "password.reset");
/// An ADMIN created an API token (its id is the aggregate id): [`ApiTokenCreated`].
pub const API_TOKEN_CREATED: EventKind = EventKind::new("api_token", "api_token.created");
/// An ADMIN revoked an API token (its id is the aggregate id); no payload.
pub const API_TOKEN_REVOKED: EventKind = EventKind::new("api_token", "api_token.revoked");

/// The new workshop and its first ADMIN's e-mail.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WorkshopRegistered<'a> {
    pub name: &'a str,
    pub cnpj: &'a str,
    pub admin: &'a str,
}

/// The role the new session acts as.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SessionStarted {
    pub role: Role,
}

/// Who joined the workshop, and as what.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MemberAdded<'a> {
    pub name: &'a str,
    pub email: &'a str,
    pub role: Role,
}

/// Where the invitation went.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct InvitationSent<'a> {
    pub email: &'a str,
}

/// The customer record the new login sees, and its e-mail.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct InvitationAccepted<'a> {
    pub customer_id: i64,
    pub email: &'a str,
}

/// How many sessions the reset ended.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PasswordReset {
    pub sessions_ended: usize,
}

/// The customer record a CUSTOMER login now acts as.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CustomerLinked {
    pub customer_id: i64,
}

/// The new API token: its name, scope and expiry (never its secret).
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ApiTokenCreated<'a> {
    pub name: &'a str,
    pub scope: super::api_token::ApiTokenScope,
    pub expires_at: chrono::NaiveDateTime,
}

/// A user confirmed a TOTP enrolment: MFA is on (the user's id is the aggregate id); no payload.
pub const MFA_ENABLED: EventKind = EventKind::new("user", "mfa.enabled");
/// A user turned MFA off with a code (the user's id is the aggregate id); no payload.
pub const MFA_DISABLED: EventKind = EventKind::new("user", "mfa.disabled");
/// An ADMIN required MFA of the workshop's staff, or stopped requiring it: [`MfaRequiredSet`].
pub const MFA_REQUIRED_SET: EventKind = EventKind::new("workshop", "workshop.mfa_required_set");

/// Whether the workshop now requires MFA of its staff.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MfaRequiredSet {
    pub required: bool,
}

/// A user linked a Google account (the user's id is the aggregate id): [`super::GoogleLinked`].
pub const GOOGLE_LINKED: EventKind = EventKind::new("user", "google.linked");
/// A user unlinked their Google account (the user's id is the aggregate id); no payload.
pub const GOOGLE_UNLINKED: EventKind = EventKind::new("user", "google.unlinked");
