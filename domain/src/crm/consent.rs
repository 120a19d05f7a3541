//! Consent per channel (LGPD art. 8): the customer's current answer on their row, and the log of
//! every change (who, when, how), written together in one transaction.

use chrono::{NaiveDateTime, Utc};
use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use serde::Serialize;

use super::events::CUSTOMER_CONSENT_CHANGED;
use super::models::Customer;
use crate::audit::{Actor, Committed, NewEvent};
use crate::db::Conn;
use crate::error::DomainError;
use crate::schema::{customer_consent_changes, customers};

crate::text_enum! {
    /// A channel the customer answers for: messages by e-mail, WhatsApp or SMS, or sharing their
    /// name and contacts with the workshop's partners.
    pub enum ConsentChannel {
        Email => "EMAIL",
        Whatsapp => "WHATSAPP",
        Sms => "SMS",
        PartnerSharing => "PARTNER_SHARING",
    }
}

crate::text_enum! {
    /// How a consent changed.
    pub enum ConsentSource {
        /// Staff recorded the customer's answer (at the counter, on the phone).
        Staff => "STAFF",
        /// The customer changed it in the portal.
        Portal => "PORTAL",
        /// The customer followed an unsubscribe link or the provider reported an unsubscribe.
        Unsubscribe => "UNSUBSCRIBE",
        /// The provider reported the message as spam.
        SpamReport => "SPAM_REPORT",
        /// The answer recorded before the log existed.
        Migration => "MIGRATION",
    }
}

/// One change of a customer's consent, as the log keeps it.
#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = customer_consent_changes, check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
#[serde(rename_all = "camelCase")]
pub struct ConsentChange {
    pub id: i64,
    pub customer_id: i64,
    pub channel: ConsentChannel,
    pub granted: bool,
    pub source: ConsentSource,
    /// The user who changed it; none for the provider's events and the migration.
    pub actor_user_id: Option<i64>,
    /// UTC.
    pub at: NaiveDateTime,
}

/// What a consent change records in the audit trail.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ConsentChanged {
    pub channel: ConsentChannel,
    pub granted: bool,
    pub source: ConsentSource,
}

impl Customer {
    /// The customer's current answer for `channel`.
    pub fn consents_to(&self, channel: ConsentChannel) -> bool {
        match channel {
            ConsentChannel::Email => self.marketing_consent,
            ConsentChannel::Whatsapp => self.whatsapp_consent,
            ConsentChannel::Sms => self.sms_consent,
            ConsentChannel::PartnerSharing => self.partner_sharing_consent,
        }
    }

    /// Records the customer's answer for `channel`: their row and the log change together, with an
    /// event. Giving the answer they already gave changes nothing and logs nothing. `actor` is
    /// `None` only for the provider's unsubscribe and spam reports.
    pub async fn set_consent(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        actor: Option<&Actor>,
        customer_id: i64,
        channel: ConsentChannel,
        granted: bool,
        source: ConsentSource,
    ) -> Result<Committed<Customer>, DomainError> {
        let actor = actor.cloned();
        Committed::run(conn, move |tx| {
            Box::pin(async move {
                let customer = Customer::lock(tx, workshop_id, customer_id).await?;
                if customer.consents_to(channel) == granted {
                    return Ok((customer, vec![]));
                }
                let now = Utc::now().naive_utc();
                let target =
                    customers::table.find(customer_id).filter(customers::workshop_id.eq(workshop_id));
                crate::run!(tx, |c| {
                    match channel {
                        ConsentChannel::Email => {
                            diesel::update(target)
                                .set((
                                    customers::marketing_consent.eq(granted),
                                    customers::marketing_consent_at.eq(Some(now)),
                                ))
                                .execute(c)
                                .await
                        }
                        ConsentChannel::Whatsapp => {
                            diesel::update(target)
                                .set(customers::whatsapp_consent.eq(granted))
                                .execute(c)
                                .await
                        }
                        ConsentChannel::Sms => {
                            diesel::update(target).set(customers::sms_consent.eq(granted)).execute(c).await
                        }
                        ConsentChannel::PartnerSharing => {
                            diesel::update(target)
                                .set(customers::partner_sharing_consent.eq(granted))
                                .execute(c)
                                .await
                        }
                    }
                })?;
                ConsentChange::record(
                    tx,
                    workshop_id,
                    customer_id,
                    channel,
                    granted,
                    source,
                    actor.as_ref(),
                    now,
                )
                .await?;
                let customer =
                    Customer::find(tx, workshop_id, customer_id).await?.ok_or(DomainError::NotFound)?;
                let mut event = NewEvent::new(CUSTOMER_CONSENT_CHANGED, workshop_id, customer_id)
                    .with(&ConsentChanged { channel, granted, source });
                if let Some(actor) = &actor {
                    event = event.by(actor);
                }
                Ok((customer, vec![event]))
            })
        })
        .await
    }
}

impl ConsentChange {
    /// Appends a change to the log, inside the caller's transaction.
    #[allow(clippy::too_many_arguments)]
    pub(crate) async fn record(
        tx: &mut Conn<'_>,
        workshop_id: i64,
        customer_id: i64,
        channel: ConsentChannel,
        granted: bool,
        source: ConsentSource,
        actor: Option<&Actor>,
        at: NaiveDateTime,
    ) -> QueryResult<()> {
        let actor_user_id = actor.map(|a| a.user_id);
        crate::run!(tx, |c| {
            diesel::insert_into(customer_consent_changes::table)
                .values((
                    customer_consent_changes::workshop_id.eq(workshop_id),
                    customer_consent_changes::customer_id.eq(customer_id),
                    customer_consent_changes::channel.eq(channel),
                    customer_consent_changes::granted.eq(granted),
                    customer_consent_changes::source.eq(source),
                    customer_consent_changes::actor_user_id.eq(actor_user_id),
                    customer_consent_changes::at.eq(at),
                ))
                .execute(c)
                .await
        })
        .map(drop)
    }

    /// The customer's consent log, newest first; another workshop's customer has none.
    pub async fn for_customer(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        customer_id: i64,
    ) -> QueryResult<Vec<ConsentChange>> {
        crate::run!(conn, |c| {
            customer_consent_changes::table
                .filter(customer_consent_changes::workshop_id.eq(workshop_id))
                .filter(customer_consent_changes::customer_id.eq(customer_id))
                .order(customer_consent_changes::id.desc())
                .select(ConsentChange::as_select())
                .load(c)
                .await
        })
    }
}
