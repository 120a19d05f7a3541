use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use crate::schema::{customer_addresses, customer_emails, customer_phones, customers};

crate::text_enum! {
    /// A person (CPF) or a company (CNPJ); follows from the document.
    pub enum CustomerKind {
        Person => "PERSON",
        Company => "COMPANY",
    }
}

crate::text_enum! {
    /// What a phone number is for.
    pub enum PhoneKind {
        Mobile => "MOBILE",
        Home => "HOME",
        Work => "WORK",
        Whatsapp => "WHATSAPP",
    }
}

crate::text_enum! {
    /// What an address is.
    pub enum AddressKind {
        Home => "HOME",
        Work => "WORK",
        Billing => "BILLING",
        Other => "OTHER",
    }
}

/// A workshop's customer.
#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = customers, check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct Customer {
    pub id: i64,
    pub workshop_id: i64,
    pub kind: CustomerKind,
    pub name: String,
    /// CPF (11 digits) or CNPJ (14 characters), normalized.
    pub document: String,
    pub rg: Option<String>,
    pub birth_date: Option<NaiveDate>,
    pub marketing_consent: bool,
    /// When consent was last given or withdrawn.
    pub marketing_consent_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = customer_emails, check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct CustomerEmail {
    pub customer_id: i64,
    pub email: String,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = customer_phones, check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct CustomerPhone {
    pub customer_id: i64,
    pub ddd: String,
    pub number: String,
    pub kind: PhoneKind,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = customer_addresses, check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct CustomerAddress {
    pub customer_id: i64,
    pub kind: AddressKind,
    pub street: String,
    pub number: String,
    pub district: String,
    pub complement: Option<String>,
    pub city: String,
    pub state: String,
    pub cep: String,
}
