//! Service orders as clients see them: items, totals, installments, the status timeline.

use async_graphql::dataloader::DataLoader;
use async_graphql::{Context, Enum, ID, Object, SimpleObject};
use chrono::{DateTime, Utc};
use oficina_domain::service as domain;

use super::loaders::{InstallmentsOf, ItemsOf, MechanicOf, ServiceLoader, VehicleOf};
use crate::error::ApiError;
use crate::graphql::crm::{Customer, Vehicle};
use crate::graphql::pagination::Page;
use crate::graphql::scalars::Date;
use crate::graphql::to_id;

/// Where a service order is in its life: QUOTE → IN_PROGRESS → FINISHED, or CANCELLED.
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "oficina_domain::service::OrderStatus")]
pub enum ServiceOrderStatus {
    Quote,
    InProgress,
    Finished,
    Cancelled,
}

/// How the customer pays (forma de pagamento).
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "oficina_domain::service::PaymentMethod")]
pub enum PaymentMethod {
    Cash,
    CreditCard,
    DebitCard,
    Pix,
    Boleto,
    /// Permuta: paid in goods or services.
    Barter,
}

/// A page of service orders, newest first.
pub type ServiceOrderConnection = Page<ServiceOrder>;

/// A service order (ordem de serviço).
pub struct ServiceOrder(pub(crate) domain::ServiceOrder);

/// The mechanic an order is assigned to.
#[derive(SimpleObject)]
pub struct Mechanic {
    /// The staff member's id (as in `staff`).
    pub(crate) id: ID,
    pub(crate) name: String,
}

/// A line of an order: a part or labour, at the price it had when added.
pub struct ServiceOrderItem(domain::OrderItem);

#[Object]
impl ServiceOrderItem {
    async fn id(&self) -> ID {
        to_id(self.0.id)
    }
    /// The part, if the item is one.
    async fn product_id(&self) -> Option<ID> {
        self.0.product_id.map(to_id)
    }
    /// The labour, if the item is one.
    async fn service_id(&self) -> Option<ID> {
        self.0.service_id.map(to_id)
    }
    /// The catalog item's name when it was added.
    async fn description(&self) -> &str {
        &self.0.description
    }
    /// In units; up to 3 decimals for L, KG and M.
    async fn quantity(&self) -> f64 {
        self.0.quantity().as_f64()
    }
    async fn unit_price_cents(&self) -> i64 {
        self.0.unit_price_cents
    }
    /// Quantity × unit price, rounded to the centavo.
    async fn total_cents(&self) -> i64 {
        self.0.total_cents
    }
    async fn warranty_days(&self) -> Option<i32> {
        self.0.warranty_days
    }
    async fn warranty_km(&self) -> Option<i32> {
        self.0.warranty_km
    }
}

/// One installment (parcela) of a finished order's payment.
pub struct Installment(pub(super) domain::Installment);

#[Object]
impl Installment {
    async fn id(&self) -> ID {
        to_id(self.0.id)
    }
    /// 1 to 12.
    async fn number(&self) -> i32 {
        self.0.number
    }
    async fn due_date(&self) -> Date {
        Date(self.0.due_date)
    }
    async fn amount_cents(&self) -> i64 {
        self.0.amount_cents
    }
    async fn method(&self) -> PaymentMethod {
        self.0.method.into()
    }
    /// When it was marked paid; null while open.
    async fn paid_at(&self) -> Option<DateTime<Utc>> {
        self.0.paid_at.map(|t| t.and_utc())
    }
}

/// How a workshop numbers and finishes its orders (ADMIN).
#[derive(SimpleObject)]
pub struct ServiceOrderSettings {
    /// The number the next order gets (`setNextServiceOrderNumber`).
    pub(super) next_number: i64,
    /// Whether finishing an order may take a product's stock below zero (`setAllowNegativeStock`).
    pub(super) allow_negative_stock: bool,
}

/// One installment of a payment plan, before the order is finished.
#[derive(SimpleObject)]
pub struct PlannedInstallment {
    pub(super) number: i32,
    pub(super) due_date: Date,
    pub(super) amount_cents: i64,
}

/// A warranty of a finished order's item that still runs.
#[derive(SimpleObject)]
pub struct Warranty {
    pub(crate) service_order_id: ID,
    pub(crate) order_number: i64,
    pub(crate) description: String,
    /// The last day it covers, if it runs by days.
    pub(crate) until_date: Option<Date>,
    /// The odometer reading it covers up to, if it runs by km.
    pub(crate) until_km: Option<i64>,
}

impl From<domain::Warranty> for Warranty {
    fn from(w: domain::Warranty) -> Self {
        Self {
            service_order_id: to_id(w.service_order_id),
            order_number: w.order_number,
            description: w.description,
            until_date: w.until_date.map(Date),
            until_km: w.until_km,
        }
    }
}

/// A step of an order's history, from its events.
#[derive(SimpleObject)]
pub struct ServiceOrderStep {
    /// `service_order.created`, `service_order.status_changed`, `service_order.item_added`, …
    kind: String,
    /// For a status change, the status it moved to.
    status: Option<ServiceOrderStatus>,
    /// Who did it.
    actor_name: Option<String>,
    at: DateTime<Utc>,
}

fn loader<'a>(ctx: &Context<'a>) -> &'a DataLoader<ServiceLoader> {
    ctx.data_unchecked::<DataLoader<ServiceLoader>>()
}

/// The vehicle `id` of `workshop_id`, or NOT_FOUND; the vehicles of one list load in one batch.
pub async fn load_vehicle(ctx: &Context<'_>, workshop_id: i64, id: i64) -> Result<Vehicle, ApiError> {
    let found = loader(ctx).load_one(VehicleOf { workshop_id, id }).await.map_err(ApiError::Internal)?;
    found.map(Vehicle).ok_or(ApiError::NotFound)
}

#[Object]
impl ServiceOrder {
    async fn id(&self) -> ID {
        to_id(self.0.id)
    }
    /// Sequential in the workshop, without gaps.
    async fn number(&self) -> i64 {
        self.0.number
    }
    async fn status(&self) -> ServiceOrderStatus {
        self.0.status.into()
    }
    async fn customer(&self, ctx: &Context<'_>) -> Result<Customer, ApiError> {
        Customer::load(ctx, self.0.workshop_id, self.0.customer_id).await
    }
    async fn vehicle(&self, ctx: &Context<'_>) -> Result<Vehicle, ApiError> {
        load_vehicle(ctx, self.0.workshop_id, self.0.vehicle_id).await
    }
    async fn mechanic(&self, ctx: &Context<'_>) -> Result<Option<Mechanic>, ApiError> {
        let Some(id) = self.0.mechanic_id else { return Ok(None) };
        let found = loader(ctx)
            .load_one(MechanicOf { workshop_id: self.0.workshop_id, id })
            .await
            .map_err(ApiError::Internal)?;
        Ok(found.map(|name| Mechanic { id: to_id(id), name }))
    }
    /// The odometer reading when the car came in (km).
    async fn odometer_km(&self) -> Option<i64> {
        self.0.odometer_km
    }
    async fn notes(&self) -> Option<&str> {
        self.0.notes.as_deref()
    }
    async fn items(&self, ctx: &Context<'_>) -> Result<Vec<ServiceOrderItem>, ApiError> {
        let key = ItemsOf { workshop_id: self.0.workshop_id, id: self.0.id };
        let items = loader(ctx).load_one(key).await.map_err(ApiError::Internal)?;
        Ok(items.unwrap_or_default().into_iter().map(ServiceOrderItem).collect())
    }
    /// Labour, in centavos.
    async fn services_cents(&self) -> i64 {
        self.0.services_cents
    }
    /// Parts, in centavos.
    async fn parts_cents(&self) -> i64 {
        self.0.parts_cents
    }
    async fn discount_cents(&self) -> i64 {
        self.0.discount_cents
    }
    async fn taxes_cents(&self) -> i64 {
        self.0.taxes_cents
    }
    /// Services + parts − discount + taxes; never below zero.
    async fn final_cents(&self) -> i64 {
        self.0.final_cents
    }
    /// How it is paid, once finished.
    async fn payment_method(&self) -> Option<PaymentMethod> {
        self.0.payment_method.map(PaymentMethod::from)
    }
    /// The installments of the payment, once finished.
    async fn installments(&self, ctx: &Context<'_>) -> Result<Vec<Installment>, ApiError> {
        let key = InstallmentsOf { workshop_id: self.0.workshop_id, id: self.0.id };
        let found = loader(ctx).load_one(key).await.map_err(ApiError::Internal)?;
        Ok(found.unwrap_or_default().into_iter().map(Installment).collect())
    }
    /// When the car should come back: set by hand, or suggested from the services on finishing.
    async fn next_revision_date(&self) -> Option<Date> {
        self.0.next_revision_date.map(Date)
    }
    async fn next_revision_km(&self) -> Option<i64> {
        self.0.next_revision_km
    }
    /// Why it was cancelled.
    async fn cancel_reason(&self) -> Option<&str> {
        self.0.cancel_reason.as_deref()
    }
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at.and_utc()
    }
    async fn started_at(&self) -> Option<DateTime<Utc>> {
        self.0.started_at.map(|t| t.and_utc())
    }
    async fn finished_at(&self) -> Option<DateTime<Utc>> {
        self.0.finished_at.map(|t| t.and_utc())
    }
    async fn cancelled_at(&self) -> Option<DateTime<Utc>> {
        self.0.cancelled_at.map(|t| t.and_utc())
    }
    /// What happened to the order, oldest first (its events).
    async fn timeline(&self, ctx: &Context<'_>) -> Result<Vec<ServiceOrderStep>, ApiError> {
        let mut pooled = crate::graphql::conn(ctx).await?;
        let events = oficina_domain::audit::Event::of_aggregate(
            &mut pooled.conn(),
            self.0.workshop_id,
            "service_order",
            self.0.id,
        )
        .await?;
        Ok(events
            .into_iter()
            .map(|e| ServiceOrderStep {
                status: e
                    .payload
                    .get("to")
                    .and_then(|to| to.as_str())
                    .and_then(domain::OrderStatus::parse)
                    .map(Into::into),
                kind: e.kind,
                actor_name: e.actor.map(|a| a.name),
                at: e.at,
            })
            .collect())
    }
}
