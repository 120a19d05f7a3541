//! Customers and vehicles as clients see them.

use async_graphql::dataloader::DataLoader;
use async_graphql::{Context, Enum, ID, Object, SimpleObject};
use chrono::{DateTime, Utc};
use oficina_domain::crm::{self as domain, CustomerDetails};
use oficina_domain::identity::Role;
use oficina_domain::service::{CustomerStats, OrderFilter};

use super::loaders::{CustomerKey, CustomerLoader};
use crate::auth::{RoleGuard, STAFF, principal};
use crate::error::ApiError;
use crate::graphql::loyalty::{self, CustomerLoyalty};
use crate::graphql::nps::{self, PendingNps};
use crate::graphql::pagination::{Page, page_cost};
use crate::graphql::partners::{Benefit, benefits_of_customer};
use crate::graphql::privacy::{self, ChannelConsent, ConsentLogConnection};
use crate::graphql::scalars::Date;
use crate::graphql::scheduling::{self, Appointment};
use crate::graphql::service::{
    ServiceLoader, ServiceOrderConnection, StatsOf, Warranty, orders_page, vehicle_orders,
};
use crate::graphql::to_id;

#[derive(Enum, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "oficina_domain::crm::CustomerKind")]
pub enum CustomerKind {
    Person,
    Company,
}

#[derive(Enum, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "oficina_domain::crm::PhoneKind")]
pub enum PhoneKind {
    Mobile,
    Home,
    Work,
    Whatsapp,
}

#[derive(Enum, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "oficina_domain::crm::AddressKind")]
pub enum AddressKind {
    Home,
    Work,
    Billing,
    Other,
}

#[derive(Enum, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "oficina_domain::crm::VehicleKind")]
pub enum VehicleKind {
    Car,
    Motorcycle,
    Truck,
}

#[derive(Enum, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "oficina_domain::crm::Fuel")]
pub enum Fuel {
    Gasoline,
    Ethanol,
    Flex,
    Diesel,
    Cng,
    Electric,
    Hybrid,
}

/// A page of customers.
pub type CustomerConnection = Page<Customer>;

/// A phone with its DDD.
#[derive(SimpleObject)]
pub struct Phone {
    ddd: String,
    number: String,
    kind: PhoneKind,
}

/// A postal address.
#[derive(SimpleObject)]
pub struct Address {
    kind: AddressKind,
    street: String,
    number: String,
    district: String,
    complement: Option<String>,
    city: String,
    /// UF, e.g. `SP`.
    state: String,
    /// `01001-000`.
    cep: String,
}

/// A customer of the workshop, with what the 360 view shows.
pub struct Customer(pub(super) CustomerDetails);

#[Object]
impl Customer {
    async fn id(&self) -> ID {
        to_id(self.0.customer.id)
    }
    async fn kind(&self) -> CustomerKind {
        self.0.customer.kind.into()
    }
    async fn name(&self) -> &str {
        &self.0.customer.name
    }
    /// When an ADMIN anonymised this customer (LGPD erasure); null for everyone else.
    async fn erased_at(&self) -> Option<DateTime<Utc>> {
        self.0.customer.erased_at.map(|at| at.and_utc())
    }
    /// CPF or CNPJ with punctuation. A MECHANIC sees a person's CPF masked (`***.982.247-**`).
    /// Empty for an anonymised customer.
    /// Staff who see a whole CPF are recorded in the customer's access log (LGPD art. 37).
    async fn document(&self, ctx: &Context<'_>) -> Result<String, ApiError> {
        let p = principal(ctx)?;
        let customer = &self.0.customer;
        let document = customer.document_for(p.membership.role)?;
        if p.membership.role.sees_full_document() && customer.kind == domain::CustomerKind::Person {
            privacy::saw_document(ctx, p, customer.id);
        }
        Ok(document)
    }
    async fn rg(&self) -> Option<&str> {
        self.0.customer.rg.as_deref()
    }
    async fn birth_date(&self) -> Option<Date> {
        self.0.customer.birth_date.map(Date)
    }
    async fn emails(&self) -> &[String] {
        &self.0.emails
    }
    async fn phones(&self) -> Vec<Phone> {
        self.0
            .phones
            .iter()
            .map(|p| Phone { ddd: p.ddd.clone(), number: p.number.clone(), kind: p.kind.into() })
            .collect()
    }
    async fn addresses(&self) -> Vec<Address> {
        self.0
            .addresses
            .iter()
            .map(|a| Address {
                kind: a.kind.into(),
                street: a.street.clone(),
                number: a.number.clone(),
                district: a.district.clone(),
                complement: a.complement.clone(),
                city: a.city.clone(),
                state: a.state.clone(),
                cep: a.cep.clone(),
            })
            .collect()
    }
    /// Whether the customer accepts marketing messages.
    async fn marketing_consent(&self) -> bool {
        self.0.customer.marketing_consent
    }
    /// When consent was last given or withdrawn.
    async fn marketing_consent_at(&self) -> Option<DateTime<Utc>> {
        self.0.customer.marketing_consent_at.map(|t| t.and_utc())
    }
    /// The answer for each channel (e-mail, WhatsApp, SMS, partner sharing): ADMIN, OPERATOR
    /// and the customer themself; a MECHANIC is FORBIDDEN.
    async fn consents(&self, ctx: &Context<'_>) -> Result<Vec<ChannelConsent>, ApiError> {
        privacy::consents_of(ctx, &self.0.customer).await
    }
    /// Every change of the customer's consents (who, when, how), newest first: ADMIN, OPERATOR
    /// and the customer themself; a MECHANIC is FORBIDDEN.
    #[graphql(complexity = "page_cost(first, child_complexity)")]
    async fn consent_log(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<ConsentLogConnection, ApiError> {
        privacy::consent_log(ctx, &self.0.customer, first, after).await
    }
    async fn vehicles(&self) -> Vec<Vehicle> {
        self.0.vehicles.iter().cloned().map(Vehicle).collect()
    }
    /// Spent on finished service orders, in centavos. Null for a MECHANIC, who sees no prices of
    /// orders not assigned to them.
    async fn total_spent_cents(&self, ctx: &Context<'_>) -> Result<Option<i64>, ApiError> {
        if principal(ctx)?.membership.role == Role::Mechanic {
            return Ok(None);
        }
        Ok(Some(self.stats(ctx).await?.total_spent_cents))
    }
    /// Finished service orders.
    async fn visit_count(&self, ctx: &Context<'_>) -> Result<i64, ApiError> {
        Ok(self.stats(ctx).await?.visit_count)
    }
    /// When the last service order finished.
    async fn last_visit_at(&self, ctx: &Context<'_>) -> Result<Option<DateTime<Utc>>, ApiError> {
        Ok(self.stats(ctx).await?.last_visit_at.map(|t| t.and_utc()))
    }
    /// The customer's service orders the caller may see, newest first.
    #[graphql(complexity = "page_cost(first, child_complexity)")]
    async fn service_orders(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<ServiceOrderConnection, ApiError> {
        let filter = OrderFilter { customer_id: Some(self.0.customer.id), ..OrderFilter::default() };
        orders_page(ctx, filter, first, after).await
    }
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.customer.created_at.and_utc()
    }
    /// Appointments marked NO_SHOW.
    async fn no_show_count(&self, ctx: &Context<'_>) -> Result<i64, ApiError> {
        scheduling::no_show_count(ctx, self.0.customer.workshop_id, self.0.customer.id).await
    }
    /// Loyalty points and progress in the workshop's programs that have not ended (`{ points: 0,
    /// programs: [] }` without any); customers of one list share their queries.
    async fn loyalty(&self, ctx: &Context<'_>) -> Result<CustomerLoyalty, ApiError> {
        loyalty::customer_loyalty(ctx, self.0.customer.workshop_id, self.0.customer.id).await
    }
    /// The partner offers handed to the customer, with their promo codes, newest first; those of
    /// a deactivated partner are hidden.
    async fn benefits(&self, ctx: &Context<'_>) -> Result<Vec<Benefit>, ApiError> {
        benefits_of_customer(ctx, self.0.customer.workshop_id, self.0.customer.id).await
    }
    /// BOOKED appointments from now on, by start (staff only; the customer uses myAppointments).
    #[graphql(guard = "RoleGuard(STAFF)")]
    async fn upcoming_appointments(&self, ctx: &Context<'_>) -> Result<Vec<Appointment>, ApiError> {
        scheduling::upcoming_of_customer(ctx, self.0.customer.workshop_id, self.0.customer.id).await
    }
    /// Finished orders of the last 30 days whose NPS survey is not answered yet, newest first.
    async fn pending_nps(&self, ctx: &Context<'_>) -> Result<Vec<PendingNps>, ApiError> {
        nps::pending_of_customer(ctx, self.0.customer.workshop_id, self.0.customer.id).await
    }
}

/// A customer's vehicle.
pub struct Vehicle(pub(crate) domain::Vehicle);

#[Object]
impl Vehicle {
    async fn id(&self) -> ID {
        to_id(self.0.id)
    }
    /// Upper-case, without the dash: `ABC1234` or `BRA2E19`.
    async fn plate(&self) -> &str {
        &self.0.plate
    }
    async fn kind(&self) -> VehicleKind {
        self.0.kind.into()
    }
    async fn brand(&self) -> &str {
        &self.0.brand
    }
    async fn model(&self) -> &str {
        &self.0.model
    }
    async fn year(&self) -> i32 {
        self.0.year
    }
    async fn fuel(&self) -> Option<Fuel> {
        self.0.fuel.map(Fuel::from)
    }
    async fn doors(&self) -> Option<i32> {
        self.0.doors
    }
    async fn color(&self) -> Option<&str> {
        self.0.color.as_deref()
    }
    async fn odometer_km(&self) -> Option<i64> {
        self.0.odometer_km
    }
    /// The current owner.
    async fn customer(&self, ctx: &Context<'_>) -> Result<Customer, ApiError> {
        Customer::load(ctx, self.0.workshop_id, self.0.customer_id).await
    }
    /// When the car should come back, as the last finished order set it.
    async fn next_revision_date(&self) -> Option<Date> {
        self.0.next_revision_date.map(Date)
    }
    /// At which odometer reading the car should come back.
    async fn next_revision_km(&self) -> Option<i64> {
        self.0.next_revision_km
    }
    /// The vehicle's service orders the caller may see, newest first (its history).
    #[graphql(complexity = "page_cost(first, child_complexity)")]
    async fn service_orders(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<ServiceOrderConnection, ApiError> {
        vehicle_orders(ctx, self.0.workshop_id, self.0.id, first, after).await
    }
    /// The warranties of its finished orders' items that still run (by date or by km).
    async fn warranties(&self, ctx: &Context<'_>) -> Result<Vec<Warranty>, ApiError> {
        let mut pooled = crate::graphql::conn(ctx).await?;
        let found =
            oficina_domain::service::Warranty::of_vehicle(&mut pooled.conn(), self.0.workshop_id, self.0.id)
                .await?;
        Ok(found.into_iter().map(Warranty::from).collect())
    }
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at.and_utc()
    }
}

/// A brand and model of the catalog, for suggestions in forms.
#[derive(SimpleObject)]
pub struct VehicleModel {
    pub(super) kind: VehicleKind,
    pub(super) brand: String,
    pub(super) model: String,
}

/// A federative unit (UF).
#[derive(SimpleObject)]
pub struct State {
    pub(super) code: String,
    pub(super) name: String,
}

impl Customer {
    /// The customer's finished-order stats; customers of one list share one query.
    async fn stats(&self, ctx: &Context<'_>) -> Result<CustomerStats, ApiError> {
        let key = StatsOf { workshop_id: self.0.customer.workshop_id, id: self.0.customer.id };
        let loader = ctx.data_unchecked::<DataLoader<ServiceLoader>>();
        Ok(loader.load_one(key).await.map_err(ApiError::Internal)?.unwrap_or_default())
    }

    /// One customer of `workshop_id` with their details, or NOT_FOUND. Loads made together (the
    /// owners of a list of vehicles) share one batch.
    pub(crate) async fn load(ctx: &Context<'_>, workshop_id: i64, id: i64) -> Result<Self, ApiError> {
        let loader = ctx.data_unchecked::<DataLoader<CustomerLoader>>();
        let found = loader.load_one(CustomerKey { workshop_id, id }).await.map_err(ApiError::Internal)?;
        found.map(Customer).ok_or(ApiError::NotFound)
    }
}
