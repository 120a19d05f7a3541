//! What the CRM records in the audit trail: the kinds of its events and their payloads.
//! Updates record `audit::changes` of two snapshots: `{field: {from, to}}`.

use chrono::NaiveDate;
use serde::Serialize;

use super::customer::CustomerDetails;
use super::models::{CustomerAddress, CustomerKind, CustomerPhone, Fuel, Vehicle, VehicleKind};
use crate::audit::EventKind;

/// A customer was registered: [`CustomerSnapshot`].
pub const CUSTOMER_CREATED: EventKind = EventKind::new("customer", "customer.created");
/// A customer's data changed: the changes between two [`CustomerSnapshot`]s.
pub const CUSTOMER_UPDATED: EventKind = EventKind::new("customer", "customer.updated");
/// A customer's consent for a channel changed: [`ConsentChanged`](super::consent::ConsentChanged).
pub const CUSTOMER_CONSENT_CHANGED: EventKind = EventKind::new("customer", "customer.consent_changed");
/// An ADMIN anonymised a customer (LGPD erasure): [`CustomerErased`](super::erasure::CustomerErased),
/// counts only. The payloads of the customer's earlier events are redacted in the same transaction.
pub const CUSTOMER_ERASED: EventKind = EventKind::new("customer", "customer.erased");
/// Staff downloaded a customer list (the file holds whole CPFs): [`CustomersExported`].
pub const CUSTOMERS_EXPORTED: EventKind = EventKind::new("customer", "customers.exported");
/// A vehicle was registered: [`VehicleSnapshot`].
pub const VEHICLE_CREATED: EventKind = EventKind::new("vehicle", "vehicle.created");
/// A vehicle's data changed: the changes between two [`VehicleSnapshot`]s.
pub const VEHICLE_UPDATED: EventKind = EventKind::new("vehicle", "vehicle.updated");
/// A vehicle moved to another customer: the changes between two [`VehicleSnapshot`]s.
pub const VEHICLE_TRANSFERRED: EventKind = EventKind::new("vehicle", "vehicle.transferred");

/// The search whose customers were exported (`None`: all of them).
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CustomersExported<'a> {
    pub search: Option<&'a str>,
}

/// A customer's data as recorded in events.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CustomerSnapshot<'a> {
    pub name: &'a str,
    pub kind: CustomerKind,
    pub document: &'a str,
    pub rg: Option<&'a str>,
    pub birth_date: Option<NaiveDate>,
    pub marketing_consent: bool,
    pub emails: &'a [String],
    pub phones: &'a [CustomerPhone],
    pub addresses: &'a [CustomerAddress],
}

impl<'a> From<&'a CustomerDetails> for CustomerSnapshot<'a> {
    fn from(details: &'a CustomerDetails) -> Self {
        let c = &details.customer;
        Self {
            name: &c.name,
            kind: c.kind,
            document: &c.document,
            rg: c.rg.as_deref(),
            birth_date: c.birth_date,
            marketing_consent: c.marketing_consent,
            emails: &details.emails,
            phones: &details.phones,
            addresses: &details.addresses,
        }
    }
}

/// A vehicle's data as recorded in events.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VehicleSnapshot<'a> {
    pub customer_id: i64,
    pub plate: &'a str,
    pub kind: VehicleKind,
    pub brand: &'a str,
    pub model: &'a str,
    pub year: i32,
    pub fuel: Option<Fuel>,
    pub doors: Option<i32>,
    pub color: Option<&'a str>,
    pub odometer_km: Option<i64>,
}

impl<'a> From<&'a Vehicle> for VehicleSnapshot<'a> {
    fn from(v: &'a Vehicle) -> Self {
        Self {
            customer_id: v.customer_id,
            plate: &v.plate,
            kind: v.kind,
            brand: &v.brand,
            model: &v.model,
            year: v.year,
            fuel: v.fuel,
            doors: v.doors,
            color: v.color.as_deref(),
            odometer_km: v.odometer_km,
        }
    }
}
