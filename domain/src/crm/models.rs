//! The CRM's rows: customers with their contacts, vehicles and the vehicle catalog.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde::Serialize;

use crate::schema::{
    customer_addresses, customer_emails, customer_phones, customers, vehicle_models, vehicles,
};

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
    /// Consent to marketing by e-mail (the EMAIL channel of the consent log).
    pub marketing_consent: bool,
    /// When the e-mail consent was last given or withdrawn.
    pub marketing_consent_at: Option<NaiveDateTime>,
    /// Consent to messages by WhatsApp.
    pub whatsapp_consent: bool,
    /// Consent to messages by SMS.
    pub sms_consent: bool,
    /// Consent to share their name and contacts with the workshop's partners.
    pub partner_sharing_consent: bool,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    /// When an ADMIN anonymised the customer (LGPD erasure); `None` for everyone else.
    pub erased_at: Option<NaiveDateTime>,
}

/// One of a customer's e-mails.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = customer_emails, check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct CustomerEmail {
    pub customer_id: i64,
    pub email: String,
}

/// One of a customer's phones (as recorded in events: without the owner).
#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = customer_phones, check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
#[serde(rename_all = "camelCase")]
pub struct CustomerPhone {
    #[serde(skip)]
    pub customer_id: i64,
    pub ddd: String,
    pub number: String,
    pub kind: PhoneKind,
}

/// One of a customer's addresses (as recorded in events: without the owner).
#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = customer_addresses, check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
#[serde(rename_all = "camelCase")]
pub struct CustomerAddress {
    #[serde(skip)]
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

crate::text_enum! {
    /// Car, motorcycle or truck.
    pub enum VehicleKind {
        Car => "CAR",
        Motorcycle => "MOTORCYCLE",
        Truck => "TRUCK",
    }
}

crate::text_enum! {
    /// What the vehicle runs on.
    pub enum Fuel {
        Gasoline => "GASOLINE",
        Ethanol => "ETHANOL",
        Flex => "FLEX",
        Diesel => "DIESEL",
        Cng => "CNG",
        Electric => "ELECTRIC",
        Hybrid => "HYBRID",
    }
}

/// A customer's vehicle.
#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = vehicles, check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct Vehicle {
    pub id: i64,
    pub workshop_id: i64,
    pub customer_id: i64,
    /// Upper-case, without the dash.
    pub plate: String,
    pub kind: VehicleKind,
    pub brand: String,
    pub model: String,
    pub year: i32,
    pub fuel: Option<Fuel>,
    pub doors: Option<i32>,
    pub color: Option<String>,
    pub odometer_km: Option<i64>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    /// When the car should come back, as the last finished service order set it.
    pub next_revision_date: Option<NaiveDate>,
    pub next_revision_km: Option<i64>,
}

/// A brand and model of the catalog (seeded, or added by a workshop).
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = vehicle_models, check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct VehicleModel {
    pub kind: VehicleKind,
    pub brand: String,
    pub model: String,
}
