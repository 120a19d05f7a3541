//! What the service catalog records in the audit trail. Updates record `audit::changes` of two
//! snapshots: `{field: {from, to}}`; deactivations carry no payload.

use serde::Serialize;

use super::models::{Product, Service, Unit};
use crate::audit::EventKind;

/// A product was added to the catalog: [`ProductSnapshot`].
pub const PRODUCT_CREATED: EventKind = EventKind::new("product", "product.created");
/// A product's data changed: the changes between two [`ProductSnapshot`]s.
pub const PRODUCT_UPDATED: EventKind = EventKind::new("product", "product.updated");
/// A product was deactivated.
pub const PRODUCT_DEACTIVATED: EventKind = EventKind::new("product", "product.deactivated");
/// A service was added to the catalog: [`ServiceSnapshot`].
pub const SERVICE_CREATED: EventKind = EventKind::new("service", "service.created");
/// A service's data changed: the changes between two [`ServiceSnapshot`]s.
pub const SERVICE_UPDATED: EventKind = EventKind::new("service", "service.updated");
/// A service was deactivated.
pub const SERVICE_DEACTIVATED: EventKind = EventKind::new("service", "service.deactivated");

/// A product as recorded in events (quantities in thousandths).
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProductSnapshot<'a> {
    pub reference: &'a str,
    pub name: &'a str,
    pub unit: Unit,
    pub price_cents: i64,
    pub stock_milli: i64,
    pub minimum_stock_milli: i64,
    pub warranty_days: Option<i32>,
    pub warranty_km: Option<i32>,
}

impl<'a> From<&'a Product> for ProductSnapshot<'a> {
    fn from(p: &'a Product) -> Self {
        Self {
            reference: &p.reference,
            name: &p.name,
            unit: p.unit,
            price_cents: p.price_cents,
            stock_milli: p.stock_milli,
            minimum_stock_milli: p.minimum_stock_milli,
            warranty_days: p.warranty_days,
            warranty_km: p.warranty_km,
        }
    }
}

/// A service as recorded in events.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ServiceSnapshot<'a> {
    pub reference: &'a str,
    pub name: &'a str,
    pub price_cents: i64,
    pub estimated_minutes: Option<i32>,
    pub warranty_days: Option<i32>,
    pub warranty_km: Option<i32>,
}

impl<'a> From<&'a Service> for ServiceSnapshot<'a> {
    fn from(s: &'a Service) -> Self {
        Self {
            reference: &s.reference,
            name: &s.name,
            price_cents: s.price_cents,
            estimated_minutes: s.estimated_minutes,
            warranty_days: s.warranty_days,
            warranty_km: s.warranty_km,
        }
    }
}
