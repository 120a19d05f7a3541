//! Customers: registering and editing them (with their contacts) and loading what the 360 view shows.

mod contacts;
mod input;
mod search;

use std::collections::HashMap;

use chrono::Utc;
use diesel::prelude::*;
use diesel_async::RunQueryDsl;

pub use input::{AddressInput, CustomerInput, PhoneInput};
pub use search::CustomerPage;

use super::consent::{ConsentChange, ConsentChannel, ConsentSource};
use super::events::{CUSTOMER_CREATED, CUSTOMER_UPDATED, CustomerSnapshot};
use super::models::{Customer, CustomerAddress, CustomerEmail, CustomerPhone, Vehicle};
use crate::audit::{Actor, Committed, NewEvent, changes};
use crate::db::Conn;
use crate::error::{DomainError, on_unique_violation};
use crate::identity::Role;
use crate::message::Message;
use crate::schema::{customer_addresses, customer_emails, customer_phones, customers, vehicles};
use crate::types::{Document, normalize_search};

const DOCUMENT_TAKEN: Message = Message::new(
    "Já existe um cliente com este CPF/CNPJ nesta oficina.",
    "A customer with this CPF/CNPJ exists already in this workshop.",
);

/// A customer with everything the 360 view and the lists show.
#[derive(Debug, Clone)]
pub struct CustomerDetails {
    pub customer: Customer,
    pub emails: Vec<String>,
    pub phones: Vec<CustomerPhone>,
    pub addresses: Vec<CustomerAddress>,
    pub vehicles: Vec<Vehicle>,
}

impl Customer {
    /// The customer `id` of `workshop_id`; another workshop's customer is not found.
    pub async fn find(conn: &mut Conn<'_>, workshop_id: i64, id: i64) -> QueryResult<Option<Customer>> {
        crate::run!(conn, |c| {
            customers::table
                .filter(customers::workshop_id.eq(workshop_id))
                .filter(customers::id.eq(id))
                .select(Customer::as_select())
                .first(c)
                .await
                .optional()
        })
    }

    /// The customer `id` of `workshop_id` that a command is about to change, locked until its
    /// transaction ends; NOT_FOUND for any other id.
    pub(super) async fn lock(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        id: i64,
    ) -> Result<Customer, DomainError> {
        let locked = crate::first_for_update!(
            conn,
            customers::table
                .filter(customers::workshop_id.eq(workshop_id))
                .filter(customers::id.eq(id))
                .select(Customer::as_select())
        )?;
        locked.ok_or(DomainError::NotFound)
    }

    /// The document as `role` may see it: whole with its punctuation for the roles that
    /// [see full documents](Role::sees_full_document), else a person's CPF masked.
    /// An [erased](Customer::is_erased) customer has none: the empty string.
    pub fn document_for(&self, role: Role) -> Result<String, DomainError> {
        if self.is_erased() {
            return Ok(String::new());
        }
        let document = Document::parse(&self.document)
            .map_err(|why| DomainError::unparsable("customers", "document", &self.document, why))?;
        Ok(if role.sees_full_document() { document.to_string() } else { document.masked() })
    }

    /// Creates a customer with their e-mails, phones and addresses.
    pub async fn create(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        actor: &Actor,
        input: CustomerInput,
    ) -> Result<Committed<CustomerDetails>, DomainError> {
        let valid = input.validate()?;
        let actor = actor.clone();
        Committed::run(conn, move |tx| {
            Box::pin(async move {
                if Self::find_by_document(tx, workshop_id, &valid.document).await?.is_some() {
                    return Err(DomainError::conflict("document", DOCUMENT_TAKEN));
                }
                let now = Utc::now().naive_utc();
                let customer: Customer = crate::run!(tx, |c| {
                    diesel::insert_into(customers::table)
                        .values((
                            customers::workshop_id.eq(workshop_id),
                            customers::kind.eq(valid.kind),
                            customers::name.eq(valid.name.as_str()),
                            customers::document.eq(valid.document.as_str()),
                            customers::rg.eq(valid.rg.as_ref().map(|rg| rg.as_str())),
                            customers::birth_date.eq(valid.birth_date),
                            customers::marketing_consent.eq(valid.marketing_consent),
                            customers::marketing_consent_at.eq(valid.marketing_consent.then_some(now)),
                            customers::search_text.eq(""),
                            customers::sort_name.eq(normalize_search(valid.name.as_str())),
                            customers::created_at.eq(now),
                            customers::updated_at.eq(now),
                        ))
                        .returning(Customer::as_returning())
                        .get_result(c)
                        .await
                })
                .map_err(on_unique_violation("document", DOCUMENT_TAKEN))?;
                if valid.marketing_consent {
                    ConsentChange::record(
                        tx,
                        workshop_id,
                        customer.id,
                        ConsentChannel::Email,
                        true,
                        ConsentSource::Staff,
                        Some(&actor),
                        now,
                    )
                    .await?;
                }
                contacts::replace_contacts(tx, &customer, &valid).await?;
                let details = Customer::refresh_search(tx, workshop_id, customer.id).await?;
                let event = NewEvent::new(CUSTOMER_CREATED, workshop_id, customer.id)
                    .by(&actor)
                    .with(&CustomerSnapshot::from(&details));
                Ok((details, vec![event]))
            })
        })
        .await
    }

    /// Replaces a customer's data; the event lists what changed, before and after.
    pub async fn update(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        actor: &Actor,
        id: i64,
        input: CustomerInput,
    ) -> Result<Committed<CustomerDetails>, DomainError> {
        let valid = input.validate()?;
        let actor = actor.clone();
        Committed::run(conn, move |tx| {
            Box::pin(async move {
                let locked = Self::lock(tx, workshop_id, id).await?;
                let before =
                    Self::with_details(tx, vec![locked]).await?.remove(&id).ok_or(DomainError::NotFound)?;
                if let Some(other) = Self::find_by_document(tx, workshop_id, &valid.document).await?
                    && other.id != id
                {
                    return Err(DomainError::conflict("document", DOCUMENT_TAKEN));
                }
                let now = Utc::now().naive_utc();
                let consent_at = if valid.marketing_consent == before.customer.marketing_consent {
                    before.customer.marketing_consent_at
                } else {
                    Some(now)
                };
                let customer: Customer = crate::run!(tx, |c| {
                    diesel::update(customers::table.find(id).filter(customers::workshop_id.eq(workshop_id)))
                        .set((
                            customers::kind.eq(valid.kind),
                            customers::name.eq(valid.name.as_str()),
                            customers::document.eq(valid.document.as_str()),
                            customers::rg.eq(valid.rg.as_ref().map(|rg| rg.as_str())),
                            customers::birth_date.eq(valid.birth_date),
                            customers::marketing_consent.eq(valid.marketing_consent),
                            customers::marketing_consent_at.eq(consent_at),
                            customers::sort_name.eq(normalize_search(valid.name.as_str())),
                            customers::updated_at.eq(now),
                        ))
                        .returning(Customer::as_returning())
                        .get_result(c)
                        .await
                })
                .map_err(on_unique_violation("document", DOCUMENT_TAKEN))?;
                if valid.marketing_consent != before.customer.marketing_consent {
                    ConsentChange::record(
                        tx,
                        workshop_id,
                        id,
                        ConsentChannel::Email,
                        valid.marketing_consent,
                        ConsentSource::Staff,
                        Some(&actor),
                        now,
                    )
                    .await?;
                }
                contacts::replace_contacts(tx, &customer, &valid).await?;
                let after = Customer::refresh_search(tx, workshop_id, id).await?;
                let event = NewEvent::new(CUSTOMER_UPDATED, workshop_id, id)
                    .by(&actor)
                    .with(&changes(&CustomerSnapshot::from(&before), &CustomerSnapshot::from(&after)));
                Ok((after, vec![event]))
            })
        })
        .await
    }

    async fn find_by_document(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        document: &Document,
    ) -> QueryResult<Option<Customer>> {
        crate::run!(conn, |c| {
            customers::table
                .filter(customers::workshop_id.eq(workshop_id))
                .filter(customers::document.eq(document.as_str()))
                .select(Customer::as_select())
                .first(c)
                .await
                .optional()
        })
    }

    /// Recomputes the search text after the customer, their contacts or their vehicles changed.
    pub(crate) async fn refresh_search(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        id: i64,
    ) -> Result<CustomerDetails, DomainError> {
        let details =
            Self::details(conn, workshop_id, &[id]).await?.remove(&id).ok_or(DomainError::NotFound)?;
        let emails: Vec<&str> = details.emails.iter().map(String::as_str).collect();
        let phones: Vec<(&str, &str)> =
            details.phones.iter().map(|p| (p.ddd.as_str(), p.number.as_str())).collect();
        let plates: Vec<&str> = details.vehicles.iter().map(|v| v.plate.as_str()).collect();
        // An erased customer's stored document is a placeholder, not something to find them by.
        let document = if details.customer.is_erased() { "" } else { details.customer.document.as_str() };
        let text = search::search_text(&details.customer.name, document, &emails, &phones, &plates);
        crate::run!(conn, |c| {
            diesel::update(customers::table.find(id).filter(customers::workshop_id.eq(workshop_id)))
                .set(customers::search_text.eq(&text))
                .execute(c)
                .await
        })?;
        Ok(details)
    }

    /// The details of the given customers of `workshop_id`, in five queries whatever their number.
    pub async fn details(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        ids: &[i64],
    ) -> QueryResult<HashMap<i64, CustomerDetails>> {
        if ids.is_empty() {
            return Ok(HashMap::new());
        }
        let found: Vec<Customer> = crate::run!(conn, |c| {
            customers::table
                .filter(customers::workshop_id.eq(workshop_id))
                .filter(customers::id.eq_any(ids))
                .select(Customer::as_select())
                .load(c)
                .await
        })?;
        Self::with_details(conn, found).await
    }

    /// These customers with their e-mails, phones, addresses and vehicles: four queries.
    async fn with_details(
        conn: &mut Conn<'_>,
        found: Vec<Customer>,
    ) -> QueryResult<HashMap<i64, CustomerDetails>> {
        let ids: Vec<i64> = found.iter().map(|c| c.id).collect();
        let mut details: HashMap<i64, CustomerDetails> = found
            .into_iter()
            .map(|customer| {
                let details = CustomerDetails {
                    customer,
                    emails: vec![],
                    phones: vec![],
                    addresses: vec![],
                    vehicles: vec![],
                };
                (details.customer.id, details)
            })
            .collect();
        // Each child table: one query for all the customers, grouped by owner.
        macro_rules! attach {
            ($table:ident, $model:ty, $order:expr, |$row:ident| $field:ident <- $value:expr) => {
                let rows: Vec<$model> = crate::run!(conn, |c| {
                    $table::table
                        .filter($table::customer_id.eq_any(&ids))
                        .order(($table::customer_id, $order))
                        .select(<$model>::as_select())
                        .load(c)
                        .await
                })?;
                for $row in rows {
                    if let Some(owner) = details.get_mut(&$row.customer_id) {
                        owner.$field.push($value);
                    }
                }
            };
        }
        attach!(customer_emails, CustomerEmail, customer_emails::position, |row| emails <- row.email);
        attach!(customer_phones, CustomerPhone, customer_phones::position, |row| phones <- row);
        attach!(customer_addresses, CustomerAddress, customer_addresses::position, |row| addresses <- row);
        attach!(vehicles, Vehicle, vehicles::plate, |row| vehicles <- row);
        Ok(details)
    }
}
