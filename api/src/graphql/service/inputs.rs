//! What the catalog and service order mutations take.

use async_graphql::{ID, InputObject};
use oficina_domain::Message;
use oficina_domain::service as domain;

use super::{PaymentMethod, Unit};
use crate::error::ApiError;
use crate::graphql::scalars::Date;

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
    /// After how many days the car should come back for a revision (1 to 3650): an order with
    /// this service suggests it as its next revision.
    revision_days: Option<i32>,
    /// After how many km the car should come back for a revision (1 to 1,000,000).
    revision_km: Option<i32>,
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
            revision_days: input.revision_days,
            revision_km: input.revision_km,
        }
    }
}

/// A new service order (it starts as a QUOTE).
#[derive(InputObject)]
pub struct ServiceOrderInput {
    customer_id: ID,
    /// A vehicle of that customer.
    vehicle_id: ID,
    /// A MECHANIC of the workshop (the staff member's id).
    mechanic_id: Option<ID>,
    /// The odometer reading (km); raises the vehicle's when higher.
    odometer_km: Option<i64>,
    /// Up to 2000 characters.
    notes: Option<String>,
    /// Zero or more, up to the subtotal. Default 0.
    #[graphql(default)]
    discount_cents: i64,
    /// Zero or more. Default 0.
    #[graphql(default)]
    taxes_cents: i64,
    /// When the car should come back; else suggested from the services when the order finishes.
    next_revision_date: Option<Date>,
    next_revision_km: Option<i64>,
    /// Up to 200.
    #[graphql(default)]
    items: Vec<ServiceOrderItemInput>,
}

/// What may change on an open order besides its items; every field is replaced.
#[derive(InputObject)]
pub struct ServiceOrderUpdateInput {
    mechanic_id: Option<ID>,
    odometer_km: Option<i64>,
    notes: Option<String>,
    discount_cents: i64,
    taxes_cents: i64,
    next_revision_date: Option<Date>,
    next_revision_km: Option<i64>,
}

/// A line of an order: a `productId` or a `serviceId`, never both.
#[derive(InputObject)]
pub struct ServiceOrderItemInput {
    product_id: Option<ID>,
    service_id: Option<ID>,
    /// Above zero; up to 3 decimals for parts sold in L, KG or M.
    quantity: f64,
    /// Defaults to the catalog price.
    unit_price_cents: Option<i64>,
    /// Default to the catalog item's warranty.
    warranty_days: Option<i32>,
    warranty_km: Option<i32>,
}

/// What may change on an item of an open order.
#[derive(InputObject)]
pub struct ServiceOrderItemChangeInput {
    quantity: f64,
    unit_price_cents: i64,
    warranty_days: Option<i32>,
    warranty_km: Option<i32>,
}

/// How a finished order is paid.
#[derive(InputObject)]
pub struct PaymentPlanInput {
    method: PaymentMethod,
    /// 1 to 12, monthly from the first due date.
    installments: i32,
    first_due_date: Date,
}

/// The row id behind an id typed in `field`: a malformed one is BAD_USER_INPUT there.
fn id_at(field: &str, id: &ID) -> Result<i64, ApiError> {
    id.parse().map_err(|_| {
        ApiError::bad_input(field, Message::new("Identificador inválido.", "Invalid identifier."))
    })
}

impl ServiceOrderItemInput {
    /// The domain's item; `field` is its path for errors.
    pub(super) fn into_domain(self, field: &str) -> Result<domain::ItemInput, ApiError> {
        Ok(domain::ItemInput {
            product_id: self
                .product_id
                .as_ref()
                .map(|id| id_at(&format!("{field}.productId"), id))
                .transpose()?,
            service_id: self
                .service_id
                .as_ref()
                .map(|id| id_at(&format!("{field}.serviceId"), id))
                .transpose()?,
            quantity: self.quantity,
            unit_price_cents: self.unit_price_cents,
            warranty_days: self.warranty_days,
            warranty_km: self.warranty_km,
        })
    }
}

impl ServiceOrderInput {
    /// The domain's input; errors name fields under `input`.
    pub(super) fn into_domain(self) -> Result<domain::OrderInput, ApiError> {
        let items = self
            .items
            .into_iter()
            .enumerate()
            .map(|(i, item)| item.into_domain(&format!("input.items.{i}")))
            .collect::<Result<_, _>>()?;
        Ok(domain::OrderInput {
            customer_id: id_at("input.customerId", &self.customer_id)?,
            vehicle_id: id_at("input.vehicleId", &self.vehicle_id)?,
            header: domain::OrderHeader {
                mechanic_id: self.mechanic_id.as_ref().map(|id| id_at("input.mechanicId", id)).transpose()?,
                odometer_km: self.odometer_km,
                notes: self.notes,
                discount_cents: self.discount_cents,
                taxes_cents: self.taxes_cents,
                next_revision_date: self.next_revision_date.map(|d| d.0),
                next_revision_km: self.next_revision_km,
            },
            items,
        })
    }
}

impl ServiceOrderUpdateInput {
    /// The domain's header; errors name fields under `input`.
    pub(super) fn into_domain(self) -> Result<domain::OrderHeader, ApiError> {
        Ok(domain::OrderHeader {
            mechanic_id: self.mechanic_id.as_ref().map(|id| id_at("input.mechanicId", id)).transpose()?,
            odometer_km: self.odometer_km,
            notes: self.notes,
            discount_cents: self.discount_cents,
            taxes_cents: self.taxes_cents,
            next_revision_date: self.next_revision_date.map(|d| d.0),
            next_revision_km: self.next_revision_km,
        })
    }
}

impl From<ServiceOrderItemChangeInput> for domain::ItemChange {
    fn from(input: ServiceOrderItemChangeInput) -> Self {
        Self {
            quantity: input.quantity,
            unit_price_cents: input.unit_price_cents,
            warranty_days: input.warranty_days,
            warranty_km: input.warranty_km,
        }
    }
}

impl From<PaymentPlanInput> for domain::PaymentPlanInput {
    fn from(input: PaymentPlanInput) -> Self {
        Self {
            method: input.method.into(),
            installments: input.installments,
            first_due_date: input.first_due_date.0,
        }
    }
}
