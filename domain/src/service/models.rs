//! The catalog's rows: products (parts) and services (labour).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::schema::{products, services};
use crate::types::{Money, Quantity};

crate::text_enum! {
    /// A unit of measure (the `units` table holds the same codes).
    pub enum Unit {
        /// Unidade.
        Un => "UN",
        /// Peça.
        Pc => "PC",
        /// Litro.
        L => "L",
        /// Quilograma.
        Kg => "KG",
        /// Metro.
        M => "M",
        /// Jogo.
        Jg => "JG",
        /// Kit.
        Kit => "KIT",
    }
}

impl Unit {
    /// Whether quantities of this unit may have up to 3 decimals (L, KG, M); else they are whole.
    pub fn allows_decimals(self) -> bool {
        matches!(self, Unit::L | Unit::Kg | Unit::M)
    }
}

/// A part the workshop sells and keeps in stock.
#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = products, check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct Product {
    pub id: i64,
    pub workshop_id: i64,
    /// The workshop's code for it, unique in the workshop (upper-case).
    pub reference: String,
    pub name: String,
    pub unit: Unit,
    pub price_cents: i64,
    /// In thousandths of the unit.
    pub stock_milli: i64,
    /// In thousandths of the unit.
    pub minimum_stock_milli: i64,
    pub warranty_days: Option<i32>,
    pub warranty_km: Option<i32>,
    /// A deactivated product stays for the orders that used it, out of lists and new orders.
    pub active: bool,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl Product {
    pub fn price(&self) -> Money {
        Money::from_cents(self.price_cents)
    }

    pub fn stock(&self) -> Quantity {
        Quantity::from_milli(self.stock_milli)
    }

    pub fn minimum_stock(&self) -> Quantity {
        Quantity::from_milli(self.minimum_stock_milli)
    }
}

/// Labour the workshop sells.
#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = services, check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct Service {
    pub id: i64,
    pub workshop_id: i64,
    /// The workshop's code for it, unique in the workshop (upper-case).
    pub reference: String,
    pub name: String,
    pub price_cents: i64,
    pub estimated_minutes: Option<i32>,
    pub warranty_days: Option<i32>,
    pub warranty_km: Option<i32>,
    /// A deactivated service stays for the orders that used it, out of lists and new orders.
    pub active: bool,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl Service {
    pub fn price(&self) -> Money {
        Money::from_cents(self.price_cents)
    }
}
