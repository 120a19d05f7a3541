//! Customers and vehicles (contract: crm.graphql).

use async_graphql::connection::{Connection, Edge};
use async_graphql::{Context, Enum, ID, InputObject, Object, SimpleObject};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Utc};
use oficina_domain::Message;
use oficina_domain::crm::{self as domain, CustomerCursor, CustomerDetails};
use oficina_domain::identity::Role as DomainRole;
use oficina_domain::types::Plate;

use super::scalars::Date;
use super::{conn, from_id, publish, to_id};
use crate::auth::{ANYONE_SIGNED_IN, RoleGuard, principal};
use crate::error::ApiError;

/// Staff who may read the CRM.
const STAFF: &[DomainRole] = &[DomainRole::Admin, DomainRole::Operator, DomainRole::Mechanic];
/// Staff who may change it.
const FRONT_DESK: &[DomainRole] = &[DomainRole::Admin, DomainRole::Operator];
/// Page size when `first` is not given, and the largest one allowed.
const DEFAULT_PAGE: i64 = 20;
const MAX_PAGE: i64 = 100;

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

/// Where a service order is in its life.
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
pub enum ServiceOrderStatus {
    Quote,
    InProgress,
    Cancelled,
    Finished,
}

/// A service order (ordem de serviço). Service orders are created by the service module; until
/// it ships, every customer's list is empty.
#[derive(SimpleObject)]
pub struct ServiceOrder {
    id: ID,
    number: i64,
    status: ServiceOrderStatus,
    final_cents: i64,
    created_at: DateTime<Utc>,
}

/// Counts that come with a connection.
#[derive(SimpleObject)]
pub struct Totals {
    /// How many items match, across all pages.
    total_count: i64,
}

pub type CustomerConnection = Connection<String, Customer, Totals>;
pub type ServiceOrderConnection = Connection<String, ServiceOrder, Totals>;

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
pub struct Customer(CustomerDetails);

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
    /// CPF or CNPJ with punctuation. A MECHANIC sees a person's CPF masked (`***.982.247-**`).
    async fn document(&self, ctx: &Context<'_>) -> Result<String, ApiError> {
        Ok(self.0.customer.document_for(principal(ctx)?.membership.role)?)
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
    async fn vehicles(&self) -> Vec<Vehicle> {
        self.0.vehicles.iter().cloned().map(Vehicle).collect()
    }
    /// Spent on finished service orders, in centavos.
    async fn total_spent_cents(&self) -> i64 {
        0
    }
    /// Finished service orders.
    async fn visit_count(&self) -> i64 {
        0
    }
    /// When the last service order finished.
    async fn last_visit_at(&self) -> Option<DateTime<Utc>> {
        None
    }
    /// The customer's service orders, newest first.
    async fn service_orders(
        &self,
        first: Option<i32>,
        #[graphql(name = "after")] _after: Option<String>,
    ) -> Result<ServiceOrderConnection, ApiError> {
        page_size(first)?;
        Ok(Connection::with_additional_fields(false, false, Totals { total_count: 0 }))
    }
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.customer.created_at.and_utc()
    }
}

/// A customer's vehicle.
pub struct Vehicle(domain::Vehicle);

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
        load_customer(ctx, self.0.workshop_id, self.0.customer_id).await
    }
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at.and_utc()
    }
}

/// A brand and model of the catalog, for suggestions in forms.
#[derive(SimpleObject)]
pub struct VehicleModel {
    kind: VehicleKind,
    brand: String,
    model: String,
}

/// A federative unit (UF).
#[derive(SimpleObject)]
pub struct State {
    code: String,
    name: String,
}

#[derive(InputObject)]
pub struct PhoneInput {
    ddd: String,
    number: String,
    kind: PhoneKind,
}

#[derive(InputObject)]
pub struct AddressInput {
    kind: AddressKind,
    street: String,
    number: String,
    district: String,
    complement: Option<String>,
    city: String,
    state: String,
    cep: String,
}

/// A customer's data; the kind (PERSON or COMPANY) follows from the document (CPF or CNPJ).
#[derive(InputObject)]
pub struct CustomerInput {
    name: String,
    document: String,
    rg: Option<String>,
    birth_date: Option<Date>,
    #[graphql(default)]
    emails: Vec<String>,
    #[graphql(default)]
    phones: Vec<PhoneInput>,
    #[graphql(default)]
    addresses: Vec<AddressInput>,
    #[graphql(default)]
    marketing_consent: bool,
}

impl From<CustomerInput> for domain::CustomerInput {
    fn from(input: CustomerInput) -> Self {
        Self {
            name: input.name,
            document: input.document,
            rg: input.rg,
            birth_date: input.birth_date.map(|d| d.0),
            emails: input.emails,
            phones: input
                .phones
                .into_iter()
                .map(|p| domain::PhoneInput { ddd: p.ddd, number: p.number, kind: p.kind.into() })
                .collect(),
            addresses: input
                .addresses
                .into_iter()
                .map(|a| domain::AddressInput {
                    kind: a.kind.into(),
                    street: a.street,
                    number: a.number,
                    district: a.district,
                    complement: a.complement,
                    city: a.city,
                    state: a.state,
                    cep: a.cep,
                })
                .collect(),
            marketing_consent: input.marketing_consent,
        }
    }
}

/// A vehicle's data; a new `customerId` on update moves the vehicle to that customer.
#[derive(InputObject)]
pub struct VehicleInput {
    customer_id: ID,
    plate: String,
    kind: VehicleKind,
    brand: String,
    model: String,
    year: i32,
    fuel: Option<Fuel>,
    doors: Option<i32>,
    color: Option<String>,
    odometer_km: Option<i64>,
}

impl VehicleInput {
    fn into_domain(self) -> Result<domain::VehicleInput, ApiError> {
        Ok(domain::VehicleInput {
            customer_id: from_id(&self.customer_id)?,
            plate: self.plate,
            kind: self.kind.into(),
            brand: self.brand,
            model: self.model,
            year: self.year,
            fuel: self.fuel.map(Into::into),
            doors: self.doors,
            color: self.color,
            odometer_km: self.odometer_km,
        })
    }
}

/// `first` within 1..=100 (default 20).
fn page_size(first: Option<i32>) -> Result<i64, ApiError> {
    match first.map(i64::from) {
        None => Ok(DEFAULT_PAGE),
        Some(n) if (1..=MAX_PAGE).contains(&n) => Ok(n),
        Some(_) => Err(ApiError::bad_input(
            "first",
            Message::owned(
                format!("Peça de 1 a {MAX_PAGE} itens por página."),
                format!("Ask for 1 to {MAX_PAGE} items per page."),
            ),
        )),
    }
}

fn encode_cursor(cursor: &CustomerCursor) -> String {
    URL_SAFE_NO_PAD.encode(format!("{}:{}", cursor.id, cursor.sort_name))
}

fn decode_cursor(text: &str) -> Result<CustomerCursor, ApiError> {
    let invalid = || ApiError::bad_input("after", Message::new("Cursor inválido.", "Invalid cursor."));
    let bytes = URL_SAFE_NO_PAD.decode(text).map_err(|_| invalid())?;
    let text = String::from_utf8(bytes).map_err(|_| invalid())?;
    let (id, sort_name) = text.split_once(':').ok_or_else(invalid)?;
    Ok(CustomerCursor { id: id.parse().map_err(|_| invalid())?, sort_name: sort_name.to_owned() })
}

/// One customer of `workshop_id` with their details, or NOT_FOUND.
async fn load_customer(ctx: &Context<'_>, workshop_id: i64, id: i64) -> Result<Customer, ApiError> {
    let mut pooled = conn(ctx).await?;
    let mut found = domain::Customer::details(&mut pooled.conn(), workshop_id, &[id]).await?;
    found.remove(&id).map(Customer).ok_or(ApiError::NotFound)
}

#[derive(Default)]
pub struct CrmQuery;

#[Object]
impl CrmQuery {
    /// Staff: customers whose name, CPF/CNPJ (with or without punctuation), e-mail, phone or
    /// plate contains every word of `search`, in name order.
    #[graphql(guard = "RoleGuard(STAFF)")]
    async fn customers(
        &self,
        ctx: &Context<'_>,
        search: Option<String>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<CustomerConnection, ApiError> {
        let workshop_id = principal(ctx)?.workshop.id;
        let first = page_size(first)?;
        let after = after.as_deref().map(decode_cursor).transpose()?;
        let mut pooled = conn(ctx).await?;
        let mut conn = pooled.conn();
        let page = domain::Customer::search(&mut conn, workshop_id, search.as_deref(), first, after.as_ref())
            .await?;
        let ids: Vec<i64> = page.customers.iter().map(|c| c.id).collect();
        let mut details = domain::Customer::details(&mut conn, workshop_id, &ids).await?;
        let mut connection = Connection::with_additional_fields(
            after.is_some(),
            page.has_next,
            Totals { total_count: page.total },
        );
        for customer in &page.customers {
            if let Some(found) = details.remove(&customer.id) {
                connection.edges.push(Edge::new(encode_cursor(&customer.cursor()), Customer(found)));
            }
        }
        Ok(connection)
    }

    /// Staff: one customer, with what the 360 view shows.
    #[graphql(guard = "RoleGuard(STAFF)")]
    async fn customer(&self, ctx: &Context<'_>, id: ID) -> Result<Customer, ApiError> {
        load_customer(ctx, principal(ctx)?.workshop.id, from_id(&id)?).await
    }

    /// Staff: customers with no finished service order in the last `days` days and at least one
    /// before. Service orders come with the service module; until then nobody qualifies.
    #[graphql(guard = "RoleGuard(STAFF)")]
    async fn inactive_customers(
        &self,
        days: i32,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<CustomerConnection, ApiError> {
        if days < 1 {
            return Err(ApiError::bad_input(
                "days",
                Message::new(
                    "Informe um número de dias maior que zero.",
                    "Enter a number of days above zero.",
                ),
            ));
        }
        page_size(first)?;
        after.as_deref().map(decode_cursor).transpose()?;
        Ok(Connection::with_additional_fields(false, false, Totals { total_count: 0 }))
    }

    /// Staff: the vehicle with this plate (any format), or null.
    #[graphql(guard = "RoleGuard(STAFF)")]
    async fn vehicle_by_plate(&self, ctx: &Context<'_>, plate: String) -> Result<Option<Vehicle>, ApiError> {
        let plate = Plate::parse(&plate).map_err(|m| ApiError::bad_input("plate", m))?;
        let mut pooled = conn(ctx).await?;
        let found =
            domain::Vehicle::find_by_plate(&mut pooled.conn(), principal(ctx)?.workshop.id, &plate).await?;
        Ok(found.map(Vehicle))
    }

    /// Staff: one vehicle.
    #[graphql(guard = "RoleGuard(STAFF)")]
    async fn vehicle(&self, ctx: &Context<'_>, id: ID) -> Result<Vehicle, ApiError> {
        let mut pooled = conn(ctx).await?;
        let found =
            domain::Vehicle::find(&mut pooled.conn(), principal(ctx)?.workshop.id, from_id(&id)?).await?;
        found.map(Vehicle).ok_or(ApiError::NotFound)
    }

    /// Staff: brands and models for suggestions (the seeded catalog and the workshop's own).
    #[graphql(guard = "RoleGuard(STAFF)")]
    async fn vehicle_catalog(
        &self,
        ctx: &Context<'_>,
        kind: Option<VehicleKind>,
        brand: Option<String>,
    ) -> Result<Vec<VehicleModel>, ApiError> {
        let mut pooled = conn(ctx).await?;
        let models = domain::VehicleModel::catalog(
            &mut pooled.conn(),
            principal(ctx)?.workshop.id,
            kind.map(Into::into),
            brand.as_deref(),
        )
        .await?;
        Ok(models
            .into_iter()
            .map(|m| VehicleModel { kind: m.kind.into(), brand: m.brand, model: m.model })
            .collect())
    }

    /// The 27 federative units.
    #[graphql(guard = "RoleGuard(ANYONE_SIGNED_IN)")]
    async fn states(&self) -> Vec<State> {
        oficina_domain::crm::STATES
            .iter()
            .map(|(code, name)| State { code: (*code).into(), name: (*name).into() })
            .collect()
    }

    /// CUSTOMER: their own record.
    #[graphql(guard = "RoleGuard(&[DomainRole::Customer])")]
    async fn my_customer(&self, ctx: &Context<'_>) -> Result<Customer, ApiError> {
        let p = principal(ctx)?;
        let id = p.membership.customer_id.ok_or(ApiError::NotFound)?;
        load_customer(ctx, p.workshop.id, id).await
    }
}

#[derive(Default)]
pub struct CrmMutation;

#[Object]
impl CrmMutation {
    /// ADMIN or OPERATOR registers a customer.
    #[graphql(guard = "RoleGuard(FRONT_DESK)")]
    async fn create_customer(&self, ctx: &Context<'_>, input: CustomerInput) -> Result<Customer, ApiError> {
        let p = principal(ctx)?;
        let mut pooled = conn(ctx).await?;
        let committed = domain::Customer::create(&mut pooled.conn(), p.workshop.id, &p.actor(), input.into())
            .await
            .map_err(|e| ApiError::from(e).under("input"))?;
        Ok(Customer(publish(ctx, committed).await))
    }

    /// ADMIN or OPERATOR replaces a customer's data.
    #[graphql(guard = "RoleGuard(FRONT_DESK)")]
    async fn update_customer(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: CustomerInput,
    ) -> Result<Customer, ApiError> {
        let p = principal(ctx)?;
        let id = from_id(&id)?;
        let mut pooled = conn(ctx).await?;
        let committed =
            domain::Customer::update(&mut pooled.conn(), p.workshop.id, &p.actor(), id, input.into())
                .await
                .map_err(|e| ApiError::from(e).under("input"))?;
        Ok(Customer(publish(ctx, committed).await))
    }

    /// ADMIN or OPERATOR registers a vehicle for a customer.
    #[graphql(guard = "RoleGuard(FRONT_DESK)")]
    async fn create_vehicle(&self, ctx: &Context<'_>, input: VehicleInput) -> Result<Vehicle, ApiError> {
        let p = principal(ctx)?;
        let input = input.into_domain()?;
        let mut pooled = conn(ctx).await?;
        let committed = domain::Vehicle::create(&mut pooled.conn(), p.workshop.id, &p.actor(), input)
            .await
            .map_err(|e| ApiError::from(e).under("input"))?;
        Ok(Vehicle(publish(ctx, committed).await))
    }

    /// ADMIN or OPERATOR edits a vehicle; a new `customerId` transfers it (a sold car keeps its history).
    #[graphql(guard = "RoleGuard(FRONT_DESK)")]
    async fn update_vehicle(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: VehicleInput,
    ) -> Result<Vehicle, ApiError> {
        let p = principal(ctx)?;
        let id = from_id(&id)?;
        let input = input.into_domain()?;
        let mut pooled = conn(ctx).await?;
        let committed = domain::Vehicle::update(&mut pooled.conn(), p.workshop.id, &p.actor(), id, input)
            .await
            .map_err(|e| ApiError::from(e).under("input"))?;
        Ok(Vehicle(publish(ctx, committed).await))
    }
}
