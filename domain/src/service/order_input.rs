//! What staff type on a service order and its payment, and their validation.

use chrono::NaiveDate;

use super::input::bounded;
use super::models::PaymentMethod;
use crate::error::DomainError;
use crate::message::Message;
use crate::types::{Money, Text};

/// The longest note on an order.
const NOTES_MAX: usize = 2000;
/// The most items an order may have.
pub const ITEMS_MAX: usize = 200;
/// The highest odometer reading taken (km).
const ODOMETER_MAX: i64 = 9_999_999;

/// A new service order (a quote).
#[derive(Debug, Clone)]
pub struct OrderInput {
    pub customer_id: i64,
    pub vehicle_id: i64,
    pub header: OrderHeader,
    pub items: Vec<ItemInput>,
}

/// What may change on an open order besides its items: every field is replaced.
#[derive(Debug, Clone, Default)]
pub struct OrderHeader {
    /// The MECHANIC membership to assign, or none.
    pub mechanic_id: Option<i64>,
    pub odometer_km: Option<i64>,
    pub notes: Option<String>,
    pub discount_cents: i64,
    pub taxes_cents: i64,
    /// Set by hand; otherwise suggested from the services when the order finishes.
    pub next_revision_date: Option<NaiveDate>,
    pub next_revision_km: Option<i64>,
}

/// A line to add: a product or a service of the catalog, never both.
#[derive(Debug, Clone)]
pub struct ItemInput {
    pub product_id: Option<i64>,
    pub service_id: Option<i64>,
    /// In units; up to 3 decimals for L, KG and M.
    pub quantity: f64,
    /// Defaults to the catalog price.
    pub unit_price_cents: Option<i64>,
    /// Default to the catalog item's warranty.
    pub warranty_days: Option<i32>,
    pub warranty_km: Option<i32>,
}

/// What may change on an item of an open order.
#[derive(Debug, Clone)]
pub struct ItemChange {
    pub quantity: f64,
    pub unit_price_cents: i64,
    pub warranty_days: Option<i32>,
    pub warranty_km: Option<i32>,
}

/// How a finished order is paid.
#[derive(Debug, Clone)]
pub struct PaymentPlanInput {
    pub method: PaymentMethod,
    /// 1 to 12.
    pub installments: i32,
    pub first_due_date: NaiveDate,
}

/// A validated [`OrderHeader`].
pub(super) struct ValidHeader {
    pub mechanic_id: Option<i64>,
    pub odometer_km: Option<i64>,
    pub notes: Option<String>,
    pub discount: Money,
    pub taxes: Money,
    pub next_revision_date: Option<NaiveDate>,
    pub next_revision_km: Option<i64>,
}

/// A validated reference to a catalog item of the order.
#[derive(Debug, Clone, Copy)]
pub(super) enum CatalogRef {
    Product(i64),
    Service(i64),
}

fn non_negative_money(field: &str, cents: i64, negative: Message) -> Result<Money, DomainError> {
    if cents < 0 {
        return Err(DomainError::invalid(field, negative));
    }
    Money::price(cents).map_err(DomainError::invalid_at(field))
}

fn odometer(field: &str, km: Option<i64>) -> Result<Option<i64>, DomainError> {
    match km {
        Some(km) if !(0..=ODOMETER_MAX).contains(&km) => Err(DomainError::invalid(
            field,
            Message::new(
                "Informe uma quilometragem de 0 a 9.999.999.",
                "Enter a mileage from 0 to 9,999,999.",
            ),
        )),
        _ => Ok(km),
    }
}

impl OrderHeader {
    /// Checks every field; the error names the first wrong one.
    pub(super) fn validate(self) -> Result<ValidHeader, DomainError> {
        let notes =
            Text::optional(self.notes.as_deref(), NOTES_MAX).map_err(DomainError::invalid_at("notes"))?;
        Ok(ValidHeader {
            mechanic_id: self.mechanic_id,
            odometer_km: odometer("odometerKm", self.odometer_km)?,
            notes: notes.map(Text::into_string),
            discount: non_negative_money(
                "discountCents",
                self.discount_cents,
                Message::new("O desconto não pode ser negativo.", "The discount cannot be negative."),
            )?,
            taxes: non_negative_money(
                "taxesCents",
                self.taxes_cents,
                Message::new("Os impostos não podem ser negativos.", "Taxes cannot be negative."),
            )?,
            next_revision_date: self.next_revision_date,
            next_revision_km: odometer("nextRevisionKm", self.next_revision_km)?,
        })
    }
}

impl ItemInput {
    /// Which catalog item it names; `field` is the item's path (`items.0`).
    pub(super) fn catalog_ref(&self, field: &str) -> Result<CatalogRef, DomainError> {
        match (self.product_id, self.service_id) {
            (Some(id), None) => Ok(CatalogRef::Product(id)),
            (None, Some(id)) => Ok(CatalogRef::Service(id)),
            _ => Err(DomainError::invalid(
                format!("{field}.productId"),
                Message::new(
                    "Informe uma peça ou um serviço (um dos dois).",
                    "Name a part or a service (one of the two).",
                ),
            )),
        }
    }

    /// Checks the numbers that need no catalog; `field` is the item's path.
    pub(super) fn validate_numbers(&self, field: &str) -> Result<(), DomainError> {
        if let Some(cents) = self.unit_price_cents {
            Money::price(cents).map_err(DomainError::invalid_at(format!("{field}.unitPriceCents")))?;
        }
        bounded(&format!("{field}.warrantyDays"), self.warranty_days, 0..=3650)?;
        bounded(&format!("{field}.warrantyKm"), self.warranty_km, 0..=1_000_000)?;
        Ok(())
    }
}

impl ItemChange {
    /// Checks the numbers that need no catalog.
    pub(super) fn validate_numbers(&self) -> Result<Money, DomainError> {
        bounded("warrantyDays", self.warranty_days, 0..=3650)?;
        bounded("warrantyKm", self.warranty_km, 0..=1_000_000)?;
        Money::price(self.unit_price_cents).map_err(DomainError::invalid_at("unitPriceCents"))
    }
}

impl PaymentPlanInput {
    /// The number of installments, checked.
    pub(super) fn validate(&self) -> Result<u32, DomainError> {
        installment_count("payment.installments", self.installments)
    }
}

/// A number of installments typed in `field`: 1 to 12.
pub fn installment_count(field: &str, installments: i32) -> Result<u32, DomainError> {
    match u32::try_from(installments) {
        Ok(n @ 1..=12) => Ok(n),
        _ => Err(DomainError::invalid(
            field,
            Message::new("Informe de 1 a 12 parcelas.", "Enter 1 to 12 installments."),
        )),
    }
}

/// The cancel reason, 3 to 500 characters.
pub(super) fn cancel_reason(reason: &str) -> Result<String, DomainError> {
    let text = Text::required(reason, 500, Message::new("Informe o motivo.", "Enter the reason."))
        .map_err(DomainError::invalid_at("reason"))?;
    if text.as_str().chars().count() < 3 {
        return Err(DomainError::invalid(
            "reason",
            Message::new(
                "O motivo precisa de ao menos 3 caracteres.",
                "The reason needs at least 3 characters.",
            ),
        ));
    }
    Ok(text.into_string())
}
