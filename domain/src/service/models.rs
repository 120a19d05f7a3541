//! The catalog's rows: products (parts) and services (labour).

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use crate::schema::{installments, products, service_order_items, service_orders, services};
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
    /// After how many days the car should come back for a revision.
    pub revision_days: Option<i32>,
    /// After how many kilometres the car should come back for a revision.
    pub revision_km: Option<i32>,
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

crate::text_enum! {
    /// Where a service order is in its life: QUOTE → IN_PROGRESS → FINISHED, or CANCELLED from
    /// either of the first two.
    pub enum OrderStatus {
        Quote => "QUOTE",
        InProgress => "IN_PROGRESS",
        Finished => "FINISHED",
        Cancelled => "CANCELLED",
    }
}

impl OrderStatus {
    /// Whether items, mechanic, discount and notes may still change.
    pub fn is_open(self) -> bool {
        matches!(self, OrderStatus::Quote | OrderStatus::InProgress)
    }

    /// The status in Portuguese, for messages.
    pub fn label_pt(self) -> &'static str {
        match self {
            OrderStatus::Quote => "orçamento",
            OrderStatus::InProgress => "em andamento",
            OrderStatus::Finished => "finalizada",
            OrderStatus::Cancelled => "cancelada",
        }
    }

    /// The status in English, for messages.
    pub fn label_en(self) -> &'static str {
        match self {
            OrderStatus::Quote => "quote",
            OrderStatus::InProgress => "in progress",
            OrderStatus::Finished => "finished",
            OrderStatus::Cancelled => "cancelled",
        }
    }
}

crate::text_enum! {
    /// How the customer pays (forma de pagamento).
    pub enum PaymentMethod {
        Cash => "CASH",
        CreditCard => "CREDIT_CARD",
        DebitCard => "DEBIT_CARD",
        Pix => "PIX",
        Boleto => "BOLETO",
        /// Permuta: paid in goods or services.
        Barter => "BARTER",
    }
}

/// A service order (ordem de serviço), with its totals as of its last change.
#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = service_orders, check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct ServiceOrder {
    pub id: i64,
    pub workshop_id: i64,
    /// Sequential in the workshop, without gaps.
    pub number: i64,
    pub customer_id: i64,
    pub vehicle_id: i64,
    /// The MECHANIC membership it is assigned to.
    pub mechanic_id: Option<i64>,
    pub status: OrderStatus,
    pub odometer_km: Option<i64>,
    pub notes: Option<String>,
    pub services_cents: i64,
    pub parts_cents: i64,
    pub discount_cents: i64,
    pub taxes_cents: i64,
    pub final_cents: i64,
    pub payment_method: Option<PaymentMethod>,
    pub next_revision_date: Option<NaiveDate>,
    pub next_revision_km: Option<i64>,
    pub cancel_reason: Option<String>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub started_at: Option<NaiveDateTime>,
    pub finished_at: Option<NaiveDateTime>,
    pub cancelled_at: Option<NaiveDateTime>,
}

/// A line of a service order: a part or labour, at the price it had when added.
#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = service_order_items, check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct OrderItem {
    pub id: i64,
    pub workshop_id: i64,
    pub service_order_id: i64,
    pub product_id: Option<i64>,
    pub service_id: Option<i64>,
    /// The catalog item's name when it was added.
    pub description: String,
    /// In thousandths of the unit.
    pub quantity_milli: i64,
    pub unit_price_cents: i64,
    pub total_cents: i64,
    pub warranty_days: Option<i32>,
    pub warranty_km: Option<i32>,
    pub created_at: NaiveDateTime,
}

impl OrderItem {
    pub fn quantity(&self) -> Quantity {
        Quantity::from_milli(self.quantity_milli)
    }
}

/// One installment (parcela) of a finished order's payment.
#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = installments, check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct Installment {
    pub id: i64,
    pub workshop_id: i64,
    pub service_order_id: i64,
    /// 1 to 12.
    pub number: i32,
    pub due_date: NaiveDate,
    pub amount_cents: i64,
    pub method: PaymentMethod,
    pub paid_at: Option<NaiveDateTime>,
    pub paid_by_user_id: Option<i64>,
}
