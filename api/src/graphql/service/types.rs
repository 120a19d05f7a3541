//! The service catalog (products and services) as clients see it.

use async_graphql::{Enum, ID, Object};
use chrono::{DateTime, Utc};
use oficina_domain::service as domain;

use crate::graphql::pagination::Page;
use crate::graphql::to_id;

/// A unit of measure; L, KG and M take quantities with up to 3 decimals, the others whole ones.
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "oficina_domain::service::Unit")]
pub enum Unit {
    /// Unidade.
    Un,
    /// Peça.
    Pc,
    /// Litro.
    L,
    /// Quilograma.
    Kg,
    /// Metro.
    M,
    /// Jogo.
    Jg,
    /// Kit.
    Kit,
}

/// A page of products.
pub type ProductConnection = Page<Product>;
/// A page of services.
pub type ServiceConnection = Page<Service>;

/// A part of the catalog (peça).
pub struct Product(pub(super) domain::Product);

#[Object]
impl Product {
    async fn id(&self) -> ID {
        to_id(self.0.id)
    }
    /// The workshop's code, unique in the workshop (upper-case).
    async fn reference(&self) -> &str {
        &self.0.reference
    }
    async fn name(&self) -> &str {
        &self.0.name
    }
    async fn unit(&self) -> Unit {
        self.0.unit.into()
    }
    async fn price_cents(&self) -> i64 {
        self.0.price_cents
    }
    /// In units, up to 3 decimals for L, KG and M.
    async fn stock_quantity(&self) -> f64 {
        self.0.stock().as_f64()
    }
    /// At or below it, the product is low on stock.
    async fn minimum_stock(&self) -> f64 {
        self.0.minimum_stock().as_f64()
    }
    /// Whether the stock is at or below the minimum.
    async fn low_stock(&self) -> bool {
        self.0.stock_milli <= self.0.minimum_stock_milli
    }
    /// The warranty an order item gets by default, in days.
    async fn warranty_days(&self) -> Option<i32> {
        self.0.warranty_days
    }
    /// The warranty an order item gets by default, in km.
    async fn warranty_km(&self) -> Option<i32> {
        self.0.warranty_km
    }
    /// False once deactivated: out of lists and new orders, kept for the orders that used it.
    async fn active(&self) -> bool {
        self.0.active
    }
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at.and_utc()
    }
}

/// Labour of the catalog (serviço).
pub struct Service(pub(super) domain::Service);

#[Object]
impl Service {
    async fn id(&self) -> ID {
        to_id(self.0.id)
    }
    /// The workshop's code, unique in the workshop (upper-case).
    async fn reference(&self) -> &str {
        &self.0.reference
    }
    async fn name(&self) -> &str {
        &self.0.name
    }
    async fn price_cents(&self) -> i64 {
        self.0.price_cents
    }
    /// How long it usually takes, in minutes.
    async fn estimated_minutes(&self) -> Option<i32> {
        self.0.estimated_minutes
    }
    /// The warranty an order item gets by default, in days.
    async fn warranty_days(&self) -> Option<i32> {
        self.0.warranty_days
    }
    /// The warranty an order item gets by default, in km.
    async fn warranty_km(&self) -> Option<i32> {
        self.0.warranty_km
    }
    /// After how many days the car should come back for a revision.
    async fn revision_days(&self) -> Option<i32> {
        self.0.revision_days
    }
    /// After how many km the car should come back for a revision.
    async fn revision_km(&self) -> Option<i32> {
        self.0.revision_km
    }
    /// False once deactivated: out of lists and new orders, kept for the orders that used it.
    async fn active(&self) -> bool {
        self.0.active
    }
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at.and_utc()
    }
}
