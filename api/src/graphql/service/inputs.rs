//! What the catalog mutations take.

use async_graphql::InputObject;
use oficina_domain::service as domain;

use super::Unit;

/// A product's data.
#[derive(InputObject)]
pub struct ProductInput {
    /// Up to 30 characters, unique in the workshop; stored upper-case.
    reference: String,
    /// Up to 120 characters.
    name: String,
    unit: Unit,
    /// Zero or more.
    price_cents: i64,
    /// In units: whole, or with up to 3 decimals for L, KG and M.
    #[graphql(default)]
    stock_quantity: f64,
    /// In units, like `stockQuantity`.
    #[graphql(default)]
    minimum_stock: f64,
    /// 0 to 3650.
    warranty_days: Option<i32>,
    /// 0 to 1,000,000.
    warranty_km: Option<i32>,
}

impl From<ProductInput> for domain::ProductInput {
    fn from(input: ProductInput) -> Self {
        Self {
            reference: input.reference,
            name: input.name,
            unit: input.unit.into(),
            price_cents: input.price_cents,
            stock_quantity: input.stock_quantity,
            minimum_stock: input.minimum_stock,
            warranty_days: input.warranty_days,
            warranty_km: input.warranty_km,
        }
    }
}

/// A service's data.
#[derive(InputObject)]
pub struct ServiceInput {
    /// Up to 30 characters, unique in the workshop; stored upper-case.
    reference: String,
    /// Up to 120 characters.
    name: String,
    /// Zero or more.
    price_cents: i64,
    /// 1 to 6000.
    estimated_minutes: Option<i32>,
    /// 0 to 3650.
    warranty_days: Option<i32>,
    /// 0 to 1,000,000.
    warranty_km: Option<i32>,
}

impl From<ServiceInput> for domain::ServiceInput {
    fn from(input: ServiceInput) -> Self {
        Self {
            reference: input.reference,
            name: input.name,
            price_cents: input.price_cents,
            estimated_minutes: input.estimated_minutes,
            warranty_days: input.warranty_days,
            warranty_km: input.warranty_km,
        }
    }
}
