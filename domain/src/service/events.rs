//! What the service catalog records in the audit trail. Updates record `audit::changes` of two
//! snapshots: `{field: {from, to}}`; deactivations carry no payload.

use serde::Serialize;

use super::models::{OrderItem, OrderStatus, PaymentMethod, Product, Service, ServiceOrder, Unit};
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
    pub revision_days: Option<i32>,
    pub revision_km: Option<i32>,
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
            revision_days: s.revision_days,
            revision_km: s.revision_km,
        }
    }
}

/// A service order was created as a quote: [`OrderCreated`].
pub const ORDER_CREATED: EventKind = EventKind::new("service_order", "service_order.created");
/// An open order's mechanic, odometer, notes, discount, taxes or next revision changed: the
/// changes between two [`OrderHeaderSnapshot`]s.
pub const ORDER_UPDATED: EventKind = EventKind::new("service_order", "service_order.updated");
/// An item was added to an open order: [`ItemSnapshot`].
pub const ORDER_ITEM_ADDED: EventKind = EventKind::new("service_order", "service_order.item_added");
/// An item of an open order changed: the changes between two [`ItemSnapshot`]s, with `itemId`.
pub const ORDER_ITEM_CHANGED: EventKind = EventKind::new("service_order", "service_order.item_changed");
/// An item was removed from an open order: [`ItemSnapshot`].
pub const ORDER_ITEM_REMOVED: EventKind = EventKind::new("service_order", "service_order.item_removed");
/// The order's status changed: [`StatusChanged`].
pub const ORDER_STATUS_CHANGED: EventKind = EventKind::new("service_order", "service_order.status_changed");
/// An installment of a finished order was paid: [`InstallmentPaid`].
pub const INSTALLMENT_PAID: EventKind = EventKind::new("service_order", "service_order.installment_paid");
/// The ADMIN allowed or forbade stock below zero: `{allowNegativeStock}`.
pub const NEGATIVE_STOCK_POLICY_SET: EventKind =
    EventKind::new("workshop", "workshop.negative_stock_policy_set");
/// The ADMIN set the number the workshop's next order gets: [`NextNumberSet`].
pub const NEXT_ORDER_NUMBER_SET: EventKind = EventKind::new("workshop", "workshop.next_order_number_set");

/// A new order.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OrderCreated {
    pub number: i64,
    pub customer_id: i64,
    pub vehicle_id: i64,
    pub mechanic_id: Option<i64>,
    pub final_cents: i64,
}

/// What may change on an open order besides its items.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OrderHeaderSnapshot<'a> {
    pub mechanic_id: Option<i64>,
    pub odometer_km: Option<i64>,
    pub notes: Option<&'a str>,
    pub discount_cents: i64,
    pub taxes_cents: i64,
    pub final_cents: i64,
    pub next_revision_date: Option<chrono::NaiveDate>,
    pub next_revision_km: Option<i64>,
}

impl<'a> From<&'a ServiceOrder> for OrderHeaderSnapshot<'a> {
    fn from(o: &'a ServiceOrder) -> Self {
        Self {
            mechanic_id: o.mechanic_id,
            odometer_km: o.odometer_km,
            notes: o.notes.as_deref(),
            discount_cents: o.discount_cents,
            taxes_cents: o.taxes_cents,
            final_cents: o.final_cents,
            next_revision_date: o.next_revision_date,
            next_revision_km: o.next_revision_km,
        }
    }
}

/// An order item as recorded in events.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ItemSnapshot<'a> {
    pub item_id: i64,
    pub product_id: Option<i64>,
    pub service_id: Option<i64>,
    pub description: &'a str,
    pub quantity_milli: i64,
    pub unit_price_cents: i64,
    pub total_cents: i64,
    pub warranty_days: Option<i32>,
    pub warranty_km: Option<i32>,
}

impl<'a> From<&'a OrderItem> for ItemSnapshot<'a> {
    fn from(i: &'a OrderItem) -> Self {
        Self {
            item_id: i.id,
            product_id: i.product_id,
            service_id: i.service_id,
            description: &i.description,
            quantity_milli: i.quantity_milli,
            unit_price_cents: i.unit_price_cents,
            total_cents: i.total_cents,
            warranty_days: i.warranty_days,
            warranty_km: i.warranty_km,
        }
    }
}

/// A status transition, with what came with it.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StatusChanged {
    pub from: OrderStatus,
    pub to: OrderStatus,
    /// Why it was cancelled.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// How it is paid (finished).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub method: Option<PaymentMethod>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub installments: Option<usize>,
    pub final_cents: i64,
}

/// An installment was paid.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct InstallmentPaid {
    pub installment_id: i64,
    pub number: i32,
    pub amount_cents: i64,
}

/// The workshop's next order number.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NextNumberSet {
    pub from: i64,
    pub to: i64,
}
