//! The catalog forms: what staff type for a product or a service, and their validation.

use crate::error::DomainError;
use crate::message::Message;
use crate::types::{Money, Quantity, Text, normalize_search};

use super::models::Unit;

/// What staff type in the product form.
#[derive(Debug, Clone)]
pub struct ProductInput {
    pub reference: String,
    pub name: String,
    pub unit: Unit,
    pub price_cents: i64,
    /// In units (`1.5` litres).
    pub stock_quantity: f64,
    /// In units.
    pub minimum_stock: f64,
    pub warranty_days: Option<i32>,
    pub warranty_km: Option<i32>,
}

/// What staff type in the service form.
#[derive(Debug, Clone)]
pub struct ServiceInput {
    pub reference: String,
    pub name: String,
    pub price_cents: i64,
    pub estimated_minutes: Option<i32>,
    pub warranty_days: Option<i32>,
    pub warranty_km: Option<i32>,
    /// After how many days the car should come back (the order's suggested next revision).
    pub revision_days: Option<i32>,
    /// After how many kilometres the car should come back.
    pub revision_km: Option<i32>,
}

/// What products and services share, validated.
pub(super) struct ValidItem {
    /// Upper-case.
    pub reference: String,
    pub name: Text,
    pub price: Money,
    pub warranty_days: Option<i32>,
    pub warranty_km: Option<i32>,
}

impl ValidItem {
    /// What the search index holds: reference and name.
    pub fn search_text(&self) -> String {
        normalize_search(&format!("{} {}", self.reference, self.name))
    }

    /// The key of the list order.
    pub fn sort_name(&self) -> String {
        normalize_search(self.name.as_str())
    }
}

/// A validated product form.
pub(super) struct ValidProduct {
    pub item: ValidItem,
    pub unit: Unit,
    pub stock: Quantity,
    pub minimum_stock: Quantity,
}

/// A validated service form.
pub(super) struct ValidService {
    pub item: ValidItem,
    pub estimated_minutes: Option<i32>,
    pub revision_days: Option<i32>,
    pub revision_km: Option<i32>,
}

/// An optional whole number at `field` within `range`.
pub(super) fn bounded(
    field: &str,
    value: Option<i32>,
    range: std::ops::RangeInclusive<i32>,
) -> Result<Option<i32>, DomainError> {
    match value {
        Some(v) if !range.contains(&v) => Err(DomainError::invalid(
            field,
            Message::owned(
                format!("Informe um valor de {} a {}.", range.start(), range.end()),
                format!("Enter a value from {} to {}.", range.start(), range.end()),
            ),
        )),
        _ => Ok(value),
    }
}

/// The fields products and services share.
fn validate_item(
    reference: &str,
    name: &str,
    price_cents: i64,
    warranty_days: Option<i32>,
    warranty_km: Option<i32>,
) -> Result<ValidItem, DomainError> {
    let reference =
        Text::required(reference, 30, Message::new("Informe a referência.", "Enter the reference."))
            .map_err(DomainError::invalid_at("reference"))?;
    let name = Text::required(name, 120, Message::new("Informe o nome.", "Enter the name."))
        .map_err(DomainError::invalid_at("name"))?;
    let price = Money::price(price_cents).map_err(DomainError::invalid_at("priceCents"))?;
    Ok(ValidItem {
        reference: reference.as_str().to_uppercase(),
        name,
        price,
        warranty_days: bounded("warrantyDays", warranty_days, 0..=3650)?,
        warranty_km: bounded("warrantyKm", warranty_km, 0..=1_000_000)?,
    })
}

impl ProductInput {
    /// Checks every field; the error names the first wrong one.
    pub(super) fn validate(self) -> Result<ValidProduct, DomainError> {
        let item = validate_item(
            &self.reference,
            &self.name,
            self.price_cents,
            self.warranty_days,
            self.warranty_km,
        )?;
        let decimals = self.unit.allows_decimals();
        let stock = Quantity::parse(self.stock_quantity, decimals)
            .map_err(DomainError::invalid_at("stockQuantity"))?;
        let minimum_stock =
            Quantity::parse(self.minimum_stock, decimals).map_err(DomainError::invalid_at("minimumStock"))?;
        Ok(ValidProduct { item, unit: self.unit, stock, minimum_stock })
    }
}

impl ServiceInput {
    /// Checks every field; the error names the first wrong one.
    pub(super) fn validate(self) -> Result<ValidService, DomainError> {
        let item = validate_item(
            &self.reference,
            &self.name,
            self.price_cents,
            self.warranty_days,
            self.warranty_km,
        )?;
        let estimated_minutes = bounded("estimatedMinutes", self.estimated_minutes, 1..=6000)?;
        Ok(ValidService {
            item,
            estimated_minutes,
            revision_days: bounded("revisionDays", self.revision_days, 1..=3650)?,
            revision_km: bounded("revisionKm", self.revision_km, 1..=1_000_000)?,
        })
    }
}

/// The message of a reference another item of the workshop has.
pub(super) const REFERENCE_TAKEN: Message = Message::new(
    "Já existe um item com esta referência nesta oficina.",
    "An item with this reference exists already in this workshop.",
);
