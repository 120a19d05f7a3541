//! Customer commands and queries.

use std::collections::HashMap;

use chrono::{NaiveDate, Utc};
use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use serde_json::{Value, json};

use super::models::{
    AddressKind, Customer, CustomerAddress, CustomerEmail, CustomerKind, CustomerPhone, PhoneKind,
};
use super::vehicle::Vehicle;
use crate::audit::{Actor, Committed, Event, NewEvent};
use crate::db::Conn;
use crate::error::{DomainError, on_unique_violation};
use crate::schema::{customer_addresses, customer_emails, customer_phones, customers, vehicles};
use crate::types::{Cep, Document, Email, Phone, normalize_search};

/// The 27 federative units (UF code and name); the `states` table holds the same rows.
pub const STATES: [(&str, &str); 27] = [
    ("AC", "Acre"),
    ("AL", "Alagoas"),
    ("AP", "Amapá"),
    ("AM", "Amazonas"),
    ("BA", "Bahia"),
    ("CE", "Ceará"),
    ("DF", "Distrito Federal"),
    ("ES", "Espírito Santo"),
    ("GO", "Goiás"),
    ("MA", "Maranhão"),
    ("MT", "Mato Grosso"),
    ("MS", "Mato Grosso do Sul"),
    ("MG", "Minas Gerais"),
    ("PA", "Pará"),
    ("PB", "Paraíba"),
    ("PR", "Paraná"),
    ("PE", "Pernambuco"),
    ("PI", "Piauí"),
    ("RJ", "Rio de Janeiro"),
    ("RN", "Rio Grande do Norte"),
    ("RS", "Rio Grande do Sul"),
    ("RO", "Rondônia"),
    ("RR", "Roraima"),
    ("SC", "Santa Catarina"),
    ("SP", "São Paulo"),
    ("SE", "Sergipe"),
    ("TO", "Tocantins"),
];

const DOCUMENT_TAKEN: &str = "Já existe um cliente com este CPF/CNPJ nesta oficina.";

/// What staff type in the customer form.
#[derive(Debug, Clone, Default)]
pub struct CustomerInput {
    pub name: String,
    pub document: String,
    pub rg: Option<String>,
    pub birth_date: Option<NaiveDate>,
    pub emails: Vec<String>,
    pub phones: Vec<PhoneInput>,
    pub addresses: Vec<AddressInput>,
    pub marketing_consent: bool,
}

#[derive(Debug, Clone)]
pub struct PhoneInput {
    pub ddd: String,
    pub number: String,
    pub kind: PhoneKind,
}

#[derive(Debug, Clone)]
pub struct AddressInput {
    pub kind: AddressKind,
    pub street: String,
    pub number: String,
    pub district: String,
    pub complement: Option<String>,
    pub city: String,
    pub state: String,
    pub cep: String,
}

/// A customer with everything the 360 view and the lists show.
#[derive(Debug, Clone)]
pub struct CustomerDetails {
    pub customer: Customer,
    pub emails: Vec<String>,
    pub phones: Vec<CustomerPhone>,
    pub addresses: Vec<CustomerAddress>,
    pub vehicles: Vec<Vehicle>,
}

/// One page of a customer list, in name order.
#[derive(Debug, Clone)]
pub struct CustomerPage {
    pub customers: Vec<Customer>,
    pub total: i64,
    pub has_next: bool,
}

/// Where a page starts: after this (sort name, id).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomerCursor {
    pub sort_name: String,
    pub id: i64,
}

/// A validated form.
struct ValidCustomer {
    kind: CustomerKind,
    name: String,
    document: Document,
    rg: Option<String>,
    birth_date: Option<NaiveDate>,
    emails: Vec<Email>,
    phones: Vec<(Phone, PhoneKind)>,
    addresses: Vec<(AddressInput, Cep)>,
    marketing_consent: bool,
}

fn required(field: String, value: &str, what: &str, max: usize) -> Result<String, DomainError> {
    let value = value.split_whitespace().collect::<Vec<_>>().join(" ");
    match value.chars().count() {
        0 => Err(DomainError::invalid(field, format!("Informe {what}."))),
        n if n > max => Err(DomainError::invalid(field, format!("Use no máximo {max} caracteres."))),
        _ => Ok(value),
    }
}

fn optional(value: Option<&str>) -> Option<String> {
    value.map(|v| v.split_whitespace().collect::<Vec<_>>().join(" ")).filter(|v| !v.is_empty())
}

impl CustomerInput {
    /// Checks every field; the error names the first wrong one by its path (`phones.0.number`).
    fn validate(self) -> Result<ValidCustomer, DomainError> {
        let name = required("name".into(), &self.name, "o nome", 160)?;
        let document = Document::parse(&self.document).map_err(|m| DomainError::invalid("document", m))?;
        let kind = match document {
            Document::Cpf(_) => CustomerKind::Person,
            Document::Cnpj(_) => CustomerKind::Company,
        };
        let rg = optional(self.rg.as_deref());
        if rg.as_ref().is_some_and(|rg| rg.chars().count() > 20) {
            return Err(DomainError::invalid("rg", "O RG deve ter no máximo 20 caracteres."));
        }
        if let Some(birth) = self.birth_date {
            let today = Utc::now().date_naive();
            if birth > today {
                return Err(DomainError::invalid(
                    "birthDate",
                    "A data de nascimento não pode estar no futuro.",
                ));
            }
            if birth < NaiveDate::from_ymd_opt(1900, 1, 1).expect("valid date") {
                return Err(DomainError::invalid("birthDate", "Confira o ano de nascimento."));
            }
        }
        let emails = self
            .emails
            .iter()
            .enumerate()
            .map(|(i, e)| Email::parse(e).map_err(|m| DomainError::invalid(format!("emails.{i}"), m)))
            .collect::<Result<Vec<_>, _>>()?;
        let phones = self
            .phones
            .iter()
            .enumerate()
            .map(|(i, p)| {
                Phone::parse(&p.ddd, &p.number)
                    .map(|phone| (phone, p.kind))
                    .map_err(|(part, m)| DomainError::invalid(format!("phones.{i}.{part}"), m))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let mut addresses = Vec::with_capacity(self.addresses.len());
        for (i, a) in self.addresses.into_iter().enumerate() {
            let at = |field: &str| format!("addresses.{i}.{field}");
            let address = AddressInput {
                kind: a.kind,
                street: required(at("street"), &a.street, "a rua", 160)?,
                number: required(at("number"), &a.number, "o número (ou s/n)", 20)?,
                district: required(at("district"), &a.district, "o bairro", 100)?,
                complement: optional(a.complement.as_deref()),
                city: required(at("city"), &a.city, "a cidade", 100)?,
                state: a.state.trim().to_uppercase(),
                cep: a.cep.clone(),
            };
            if address.complement.as_ref().is_some_and(|c| c.chars().count() > 100) {
                return Err(DomainError::invalid(at("complement"), "Use no máximo 100 caracteres."));
            }
            if !STATES.iter().any(|(code, _)| *code == address.state) {
                return Err(DomainError::invalid(at("state"), "Escolha uma UF válida, como SP ou RJ."));
            }
            let cep = Cep::parse(&a.cep).map_err(|m| DomainError::invalid(at("cep"), m))?;
            addresses.push((address, cep));
        }
        Ok(ValidCustomer {
            kind,
            name,
            document,
            rg,
            birth_date: self.birth_date,
            emails,
            phones,
            addresses,
            marketing_consent: self.marketing_consent,
        })
    }
}

/// What the search index holds for a customer: name, document, e-mails, phones and plates.
fn search_text(
    name: &str,
    document: &str,
    emails: &[&str],
    phones: &[(&str, &str)],
    plates: &[&str],
) -> String {
    let mut parts = vec![name.to_owned(), document.to_owned()];
    parts.extend(emails.iter().map(|e| e.to_string()));
    parts.extend(phones.iter().map(|(ddd, number)| format!("{ddd}{number}")));
    parts.extend(plates.iter().map(|p| p.to_string()));
    normalize_search(&parts.join(" "))
}

impl Customer {
    /// Creates a customer with their e-mails, phones and addresses.
    pub async fn create(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        actor: &Actor,
        input: CustomerInput,
    ) -> Result<Committed<CustomerDetails>, DomainError> {
        let valid = input.validate()?;
        if Self::find_by_document(conn, workshop_id, valid.document.as_str()).await?.is_some() {
            return Err(DomainError::conflict("document", DOCUMENT_TAKEN));
        }
        let actor = actor.clone();
        conn.transaction(|tx| {
            Box::pin(async move {
                let now = Utc::now().naive_utc();
                let customer: Customer = crate::run!(tx, |c| {
                    diesel::insert_into(customers::table)
                        .values((
                            customers::workshop_id.eq(workshop_id),
                            customers::kind.eq(valid.kind),
                            customers::name.eq(&valid.name),
                            customers::document.eq(valid.document.as_str()),
                            customers::rg.eq(&valid.rg),
                            customers::birth_date.eq(valid.birth_date),
                            customers::marketing_consent.eq(valid.marketing_consent),
                            customers::marketing_consent_at.eq(valid.marketing_consent.then_some(now)),
                            customers::search_text.eq(""),
                            customers::sort_name.eq(normalize_search(&valid.name)),
                            customers::created_at.eq(now),
                            customers::updated_at.eq(now),
                        ))
                        .returning(Customer::as_returning())
                        .get_result(c)
                        .await
                })
                .map_err(on_unique_violation("document", DOCUMENT_TAKEN))?;
                replace_contacts(tx, &customer, &valid).await?;
                let details = Customer::refresh_search(tx, workshop_id, customer.id).await?;
                let event = Event::append(
                    tx,
                    NewEvent {
                        workshop_id,
                        actor: Some(&actor),
                        aggregate_type: "customer",
                        aggregate_id: customer.id,
                        kind: "customer.created",
                        payload: snapshot(&details),
                    },
                )
                .await?;
                Ok(Committed { value: details, events: vec![event] })
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
        let before =
            Self::details(conn, workshop_id, &[id]).await?.remove(&id).ok_or(DomainError::NotFound)?;
        if let Some(other) = Self::find_by_document(conn, workshop_id, valid.document.as_str()).await?
            && other.id != id
        {
            return Err(DomainError::conflict("document", DOCUMENT_TAKEN));
        }
        let actor = actor.clone();
        conn.transaction(|tx| {
            Box::pin(async move {
                let now = Utc::now().naive_utc();
                let consent_at = if valid.marketing_consent == before.customer.marketing_consent {
                    before.customer.marketing_consent_at
                } else {
                    Some(now)
                };
                let customer: Customer = crate::run!(tx, |c| {
                    diesel::update(customers::table.find(id))
                        .set((
                            customers::kind.eq(valid.kind),
                            customers::name.eq(&valid.name),
                            customers::document.eq(valid.document.as_str()),
                            customers::rg.eq(&valid.rg),
                            customers::birth_date.eq(valid.birth_date),
                            customers::marketing_consent.eq(valid.marketing_consent),
                            customers::marketing_consent_at.eq(consent_at),
                            customers::sort_name.eq(normalize_search(&valid.name)),
                            customers::updated_at.eq(now),
                        ))
                        .returning(Customer::as_returning())
                        .get_result(c)
                        .await
                })
                .map_err(on_unique_violation("document", DOCUMENT_TAKEN))?;
                replace_contacts(tx, &customer, &valid).await?;
                let after = Customer::refresh_search(tx, workshop_id, id).await?;
                let event = Event::append(
                    tx,
                    NewEvent {
                        workshop_id,
                        actor: Some(&actor),
                        aggregate_type: "customer",
                        aggregate_id: id,
                        kind: "customer.updated",
                        payload: changes(&snapshot(&before), &snapshot(&after)),
                    },
                )
                .await?;
                Ok(Committed { value: after, events: vec![event] })
            })
        })
        .await
    }

    async fn find_by_document(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        document: &str,
    ) -> QueryResult<Option<Customer>> {
        crate::run!(conn, |c| {
            customers::table
                .filter(customers::workshop_id.eq(workshop_id))
                .filter(customers::document.eq(document))
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
        let text = search_text(&details.customer.name, &details.customer.document, &emails, &phones, &plates);
        crate::run!(conn, |c| {
            diesel::update(customers::table.find(id)).set(customers::search_text.eq(&text)).execute(c).await
        })?;
        Ok(details)
    }

    /// The details of the given customers of `workshop_id`, in four queries whatever their number.
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

    /// Customers of `workshop_id` whose name, document, e-mail, phone or plate contains every
    /// word of `search` (accents, case and punctuation ignored), in name order, `first` at a time.
    pub async fn search(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        search: Option<&str>,
        first: i64,
        after: Option<&CustomerCursor>,
    ) -> QueryResult<CustomerPage> {
        let words: Vec<String> = search
            .map(normalize_search)
            .unwrap_or_default()
            .split(' ')
            .filter(|w| !w.is_empty())
            .map(str::to_owned)
            .collect();
        let like =
            |word: &str| format!("%{}%", word.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_"));
        // The two backends differ only in the index that finds a substring: pg_trgm's GIN index
        // answers LIKE '%…%' on Postgres; on SQLite the FTS5 trigram table answers a phrase MATCH
        // (LIKE with ESCAPE would bypass it), and words under 3 characters, which no trigram
        // index can serve, fall back to LIKE. Count and page share the filter.
        macro_rules! count_and_page {
            ($c:expr, $filtered:expr) => {{
                let total: i64 = $filtered().count().get_result($c).await?;
                let mut page = $filtered();
                if let Some(cursor) = after {
                    page = page.filter(customers::sort_name.gt(cursor.sort_name.clone()).or(
                        customers::sort_name.eq(cursor.sort_name.clone()).and(customers::id.gt(cursor.id)),
                    ));
                }
                let rows = page
                    .order((customers::sort_name, customers::id))
                    .limit(first + 1)
                    .select(Customer::as_select())
                    .load($c)
                    .await?;
                (total, rows)
            }};
        }
        let in_workshop = customers::workshop_id.eq(workshop_id);
        let (total, mut rows) = match conn {
            Conn::Postgres(c) => count_and_page!(*c, || {
                let mut query = customers::table.filter(in_workshop).into_boxed();
                for word in &words {
                    query = query.filter(customers::search_text.like(like(word)).escape('\\'));
                }
                query
            }),
            Conn::Sqlite(c) => count_and_page!(*c, || {
                let mut query = customers::table.filter(in_workshop).into_boxed();
                for word in &words {
                    query = if word.chars().count() >= 3 {
                        let phrase = format!("\"{}\"", word.replace('"', "\"\""));
                        query.filter(
                            diesel::dsl::sql::<diesel::sql_types::Bool>(
                                "customers.id IN (SELECT rowid FROM customers_search WHERE customers_search MATCH ",
                            )
                            .bind::<diesel::sql_types::Text, _>(phrase)
                            .sql(")"),
                        )
                    } else {
                        query.filter(customers::search_text.like(like(word)).escape('\\'))
                    };
                }
                query
            }),
        };
        let has_next = rows.len() as i64 > first;
        rows.truncate(first as usize);
        Ok(CustomerPage { customers: rows, total, has_next })
    }

    /// Where the next page starts after this customer.
    pub fn cursor(&self) -> CustomerCursor {
        CustomerCursor { sort_name: normalize_search(&self.name), id: self.id }
    }
}

/// Writes a customer's e-mails, phones and addresses, replacing what was there.
async fn replace_contacts(
    conn: &mut Conn<'_>,
    customer: &Customer,
    valid: &ValidCustomer,
) -> QueryResult<()> {
    let (workshop_id, customer_id) = (customer.workshop_id, customer.id);
    let emails: Vec<_> = valid
        .emails
        .iter()
        .enumerate()
        .map(|(i, e)| {
            (
                customer_emails::workshop_id.eq(workshop_id),
                customer_emails::customer_id.eq(customer_id),
                customer_emails::position.eq(i as i32),
                customer_emails::email.eq(e.as_str()),
            )
        })
        .collect();
    let phones: Vec<_> = valid
        .phones
        .iter()
        .enumerate()
        .map(|(i, (p, kind))| {
            (
                customer_phones::workshop_id.eq(workshop_id),
                customer_phones::customer_id.eq(customer_id),
                customer_phones::position.eq(i as i32),
                customer_phones::ddd.eq(p.ddd.as_str()),
                customer_phones::number.eq(p.number.as_str()),
                customer_phones::kind.eq(*kind),
            )
        })
        .collect();
    let addresses: Vec<_> = valid
        .addresses
        .iter()
        .enumerate()
        .map(|(i, (a, cep))| {
            (
                customer_addresses::workshop_id.eq(workshop_id),
                customer_addresses::customer_id.eq(customer_id),
                customer_addresses::position.eq(i as i32),
                customer_addresses::kind.eq(a.kind),
                customer_addresses::street.eq(a.street.as_str()),
                customer_addresses::number.eq(a.number.as_str()),
                customer_addresses::district.eq(a.district.as_str()),
                customer_addresses::complement.eq(a.complement.as_deref()),
                customer_addresses::city.eq(a.city.as_str()),
                customer_addresses::state.eq(a.state.as_str()),
                customer_addresses::cep.eq(cep.to_string()),
            )
        })
        .collect();
    crate::run!(conn, |c| {
        diesel::delete(customer_emails::table.filter(customer_emails::customer_id.eq(customer_id)))
            .execute(c)
            .await?;
        diesel::delete(customer_phones::table.filter(customer_phones::customer_id.eq(customer_id)))
            .execute(c)
            .await?;
        diesel::delete(customer_addresses::table.filter(customer_addresses::customer_id.eq(customer_id)))
            .execute(c)
            .await?;
        // Row by row: a customer has a handful of contacts, and SQLite's batch insert takes no tuples.
        for row in emails {
            diesel::insert_into(customer_emails::table).values(row).execute(c).await?;
        }
        for row in phones {
            diesel::insert_into(customer_phones::table).values(row).execute(c).await?;
        }
        for row in addresses {
            diesel::insert_into(customer_addresses::table).values(row).execute(c).await?;
        }
        Ok(())
    })
}

/// The customer's data as recorded in events.
fn snapshot(details: &CustomerDetails) -> Value {
    let c = &details.customer;
    json!({
        "name": c.name,
        "kind": c.kind.as_str(),
        "document": c.document,
        "rg": c.rg,
        "birthDate": c.birth_date,
        "marketingConsent": c.marketing_consent,
        "emails": details.emails,
        "phones": details.phones.iter().map(|p| json!({ "ddd": p.ddd, "number": p.number, "kind": p.kind.as_str() })).collect::<Vec<_>>(),
        "addresses": details.addresses.iter().map(|a| json!({
            "kind": a.kind.as_str(), "street": a.street, "number": a.number, "district": a.district,
            "complement": a.complement, "city": a.city, "state": a.state, "cep": a.cep,
        })).collect::<Vec<_>>(),
    })
}

/// `{field: {"from": …, "to": …}}` for every field that differs.
pub(crate) fn changes(before: &Value, after: &Value) -> Value {
    let mut changed = serde_json::Map::new();
    if let (Value::Object(before), Value::Object(after)) = (before, after) {
        for (key, new) in after {
            let old = before.get(key).unwrap_or(&Value::Null);
            if old != new {
                changed.insert(key.clone(), json!({ "from": old, "to": new }));
            }
        }
    }
    Value::Object(changed)
}
