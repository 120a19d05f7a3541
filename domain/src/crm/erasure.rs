//! LGPD erasure (art. 18, VI): an ADMIN anonymises a customer on request, irreversibly, in one
//! transaction. The row stays (its orders, items and payments are kept for accounting and show
//! the pseudonym); everything that identifies the person goes.
//!
//! | what | after erasure |
//! |---|---|
//! | name | `Cliente anonimizado #<id>` |
//! | document | `erased:<id>`: a colon never occurs in a stored CPF/CNPJ (digits and letters only), and the id keeps `(workshop, document)` unique |
//! | RG, birth date | cleared |
//! | e-mails, phones, addresses | deleted |
//! | consents | every channel withdrawn, each logged with source STAFF |
//! | chat | the customer's own messages: text replaced, author shown as the pseudonym; staff messages kept |
//! | NPS | score kept (the workshop's statistics), comment cleared |
//! | portal login | see [`crate::identity::erasure`]; status links of their orders revoked |
//! | audit trail | payloads of the customer's earlier events redacted; `customer.erased` carries counts only |
//! | vehicles | kept, with their plates: they identify a car (which may be sold on), not the person, and the orders need them |

use chrono::Utc;
use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use serde::Serialize;

use super::consent::{ConsentChange, ConsentChannel, ConsentSource};
use super::customer::CustomerDetails;
use super::events::CUSTOMER_ERASED;
use super::models::Customer;
use crate::audit::{Actor, Committed, NewEvent, one_row};
use crate::chat::ChatSide;
use crate::db::Conn;
use crate::error::DomainError;
use crate::identity::erasure::{REDACTED, disable_customer_logins};
use crate::message::Message;
use crate::schema::{
    chat_messages, conversations, customer_addresses, customer_emails, customer_phones, customers, events,
    nps_responses, service_orders, status_links,
};
use crate::types::normalize_search;

/// The longest `confirmName` looked at: longer than any name can be.
const CONFIRM_NAME_MAX: usize = 200;
/// The prefix of an erased customer's document.
pub(crate) const ERASED_DOCUMENT_PREFIX: &str = "erased:";
/// What replaces the text of the customer's chat messages.
const REMOVED_MESSAGE: &str =
    "[mensagem removida: cliente anonimizado / message removed: customer anonymised]";

/// What `customer.erased` records: counts, no personal data.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CustomerErased {
    pub emails: usize,
    pub phones: usize,
    pub addresses: usize,
    pub consents_withdrawn: usize,
    pub chat_messages: usize,
    pub logins_disabled: usize,
}

impl Customer {
    /// The name an erased customer goes by.
    pub fn pseudonym(id: i64) -> String {
        format!("Cliente anonimizado #{id}")
    }

    /// Whether an ADMIN anonymised this customer.
    pub fn is_erased(&self) -> bool {
        self.erased_at.is_some()
    }

    /// Anonymises customer `id` of `workshop_id`, irreversibly (see the module's table).
    /// `confirm_name` must equal the customer's current name (surrounding spaces ignored), else
    /// BAD_USER_INPUT on `confirmName`; another workshop's customer is NOT_FOUND; a customer
    /// erased already is a CONFLICT on `id`. Nothing changes on any error.
    pub async fn erase(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        actor: &Actor,
        id: i64,
        confirm_name: &str,
    ) -> Result<Committed<CustomerDetails>, DomainError> {
        let mismatch = || {
            DomainError::invalid(
                "confirmName",
                Message::new(
                    "Digite o nome do cliente exatamente como está cadastrado para confirmar.",
                    "Type the customer's name exactly as it is registered to confirm.",
                ),
            )
        };
        if confirm_name.chars().count() > CONFIRM_NAME_MAX {
            return Err(mismatch());
        }
        let confirm_name = confirm_name.trim().to_owned();
        let actor = actor.clone();
        Committed::run(conn, move |tx| {
            Box::pin(async move {
                let before = Self::lock(tx, workshop_id, id).await?;
                if before.is_erased() {
                    return Err(DomainError::conflict(
                        "id",
                        Message::new(
                            "Este cliente já foi anonimizado.",
                            "This customer has been anonymised already.",
                        ),
                    ));
                }
                if confirm_name != before.name.trim() {
                    return Err(mismatch());
                }
                let now = Utc::now().naive_utc();
                let pseudonym = Self::pseudonym(id);
                let document = format!("{ERASED_DOCUMENT_PREFIX}{id}");
                let emails: Vec<String> = crate::run!(tx, |c| {
                    customer_emails::table
                        .filter(customer_emails::workshop_id.eq(workshop_id))
                        .filter(customer_emails::customer_id.eq(id))
                        .select(customer_emails::email)
                        .load(c)
                        .await
                })?;
                let updated = crate::run!(tx, |c| {
                    diesel::update(
                        customers::table
                            .find(id)
                            .filter(customers::workshop_id.eq(workshop_id))
                            .filter(customers::erased_at.is_null()),
                    )
                    .set((
                        customers::name.eq(&pseudonym),
                        customers::document.eq(&document),
                        customers::rg.eq(None::<String>),
                        customers::birth_date.eq(None::<chrono::NaiveDate>),
                        customers::marketing_consent.eq(false),
                        customers::marketing_consent_at.eq(if before.marketing_consent {
                            Some(now)
                        } else {
                            before.marketing_consent_at
                        }),
                        customers::whatsapp_consent.eq(false),
                        customers::sms_consent.eq(false),
                        customers::partner_sharing_consent.eq(false),
                        customers::sort_name.eq(normalize_search(&pseudonym)),
                        customers::updated_at.eq(now),
                        customers::erased_at.eq(Some(now)),
                    ))
                    .execute(c)
                    .await
                })?;
                one_row(updated, || DomainError::NotFound)?;
                let mut consents_withdrawn = 0;
                for &channel in ConsentChannel::ALL {
                    if before.consents_to(channel) {
                        ConsentChange::record(
                            tx,
                            workshop_id,
                            id,
                            channel,
                            false,
                            ConsentSource::Staff,
                            Some(&actor),
                            now,
                        )
                        .await?;
                        consents_withdrawn += 1;
                    }
                }
                let (phones, addresses) = crate::run!(tx, |c| {
                    diesel::delete(
                        customer_emails::table
                            .filter(customer_emails::workshop_id.eq(workshop_id))
                            .filter(customer_emails::customer_id.eq(id)),
                    )
                    .execute(c)
                    .await?;
                    let phones = diesel::delete(
                        customer_phones::table
                            .filter(customer_phones::workshop_id.eq(workshop_id))
                            .filter(customer_phones::customer_id.eq(id)),
                    )
                    .execute(c)
                    .await?;
                    let addresses = diesel::delete(
                        customer_addresses::table
                            .filter(customer_addresses::workshop_id.eq(workshop_id))
                            .filter(customer_addresses::customer_id.eq(id)),
                    )
                    .execute(c)
                    .await?;
                    Ok::<_, diesel::result::Error>((phones, addresses))
                })?;
                let chat_messages = Self::erase_traces(tx, workshop_id, id, &pseudonym, now).await?;
                let logins =
                    disable_customer_logins(tx, workshop_id, id, &emails, &pseudonym, &actor).await?;
                let details = Self::refresh_search(tx, workshop_id, id).await?;
                let erased = CustomerErased {
                    emails: emails.len(),
                    phones,
                    addresses,
                    consents_withdrawn,
                    chat_messages,
                    logins_disabled: logins.logins,
                };
                let mut events =
                    vec![NewEvent::new(CUSTOMER_ERASED, workshop_id, id).by(&actor).with(&erased)];
                events.extend(logins.session_events);
                Ok((details, events))
            })
        })
        .await
    }

    /// What else names the customer: their chat messages (text replaced, author renamed), their
    /// NPS comments, the status links of their orders, and the payloads of their earlier events.
    /// Returns how many chat messages were replaced.
    async fn erase_traces(
        tx: &mut Conn<'_>,
        workshop_id: i64,
        id: i64,
        pseudonym: &str,
        now: chrono::NaiveDateTime,
    ) -> QueryResult<usize> {
        let their_conversations = conversations::table
            .filter(conversations::workshop_id.eq(workshop_id))
            .filter(conversations::customer_id.eq(id))
            .select(conversations::id);
        let their_orders = service_orders::table
            .filter(service_orders::workshop_id.eq(workshop_id))
            .filter(service_orders::customer_id.eq(id))
            .select(service_orders::id);
        crate::run!(tx, |c| {
            let messages = diesel::update(
                chat_messages::table
                    .filter(chat_messages::workshop_id.eq(workshop_id))
                    .filter(chat_messages::conversation_id.eq_any(their_conversations))
                    .filter(chat_messages::author_side.eq(ChatSide::Customer)),
            )
            .set((chat_messages::body.eq(REMOVED_MESSAGE), chat_messages::author_name.eq(pseudonym)))
            .execute(c)
            .await?;
            diesel::update(
                nps_responses::table
                    .filter(nps_responses::workshop_id.eq(workshop_id))
                    .filter(nps_responses::customer_id.eq(id)),
            )
            .set(nps_responses::comment.eq(None::<String>))
            .execute(c)
            .await?;
            diesel::update(
                status_links::table
                    .filter(status_links::workshop_id.eq(workshop_id))
                    .filter(status_links::service_order_id.eq_any(their_orders))
                    .filter(status_links::revoked_at.is_null()),
            )
            .set(status_links::revoked_at.eq(now))
            .execute(c)
            .await?;
            diesel::update(
                events::table
                    .filter(events::workshop_id.eq(workshop_id))
                    .filter(events::aggregate_type.eq(CUSTOMER_ERASED.aggregate_type))
                    .filter(events::aggregate_id.eq(id)),
            )
            .set(events::payload.eq(REDACTED))
            .execute(c)
            .await?;
            Ok(messages)
        })
    }
}
