//! Finding customers and vehicles, and the lists forms suggest from.

use async_graphql::connection::{Connection, Edge};
use async_graphql::{Context, ID, Object};
use oficina_domain::Message;
use oficina_domain::crm as domain;
use oficina_domain::service::CustomerStats;
use oficina_domain::types::Plate;

use super::{Customer, CustomerConnection, State, Vehicle, VehicleKind, VehicleModel};
use crate::auth::{ANYONE_SIGNED_IN, CUSTOMER, RoleGuard, STAFF, principal};
use crate::error::ApiError;
use crate::graphql::pagination::{Totals, decode_cursor, encode_cursor, page_cost, page_size};
use crate::graphql::{conn, from_id, limits};

/// The CRM's part of the query root.
#[derive(Default)]
pub struct CrmQuery;

#[Object]
impl CrmQuery {
    /// Staff: customers whose name, CPF/CNPJ (with or without punctuation), e-mail, phone or
    /// plate contains every word of `search`, in name order.
    #[graphql(guard = "RoleGuard(STAFF)", complexity = "page_cost(first, child_complexity)")]
    async fn customers(
        &self,
        ctx: &Context<'_>,
        search: Option<String>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<CustomerConnection, ApiError> {
        let workshop_id = principal(ctx)?.workshop.id;
        limits::search(search.as_deref())?;
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
        Customer::load(ctx, principal(ctx)?.workshop.id, from_id(&id)?).await
    }

    /// Staff: customers with no finished service order in the last `days` days and at least one
    /// before, in name order.
    #[graphql(guard = "RoleGuard(STAFF)", complexity = "page_cost(first, child_complexity)")]
    async fn inactive_customers(
        &self,
        ctx: &Context<'_>,
        days: i32,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<CustomerConnection, ApiError> {
        if !(1..=36_500).contains(&days) {
            return Err(ApiError::bad_input(
                "days",
                Message::new("Informe de 1 a 36.500 dias.", "Enter 1 to 36,500 days."),
            ));
        }
        let workshop_id = principal(ctx)?.workshop.id;
        let first = page_size(first)?;
        let after = after.as_deref().map(decode_cursor).transpose()?;
        let mut pooled = conn(ctx).await?;
        let mut conn = pooled.conn();
        let (customers, total, has_next) =
            CustomerStats::inactive_customers(&mut conn, workshop_id, days.into(), first, after.as_ref())
                .await?;
        let ids: Vec<i64> = customers.iter().map(|c| c.id).collect();
        let mut details = domain::Customer::details(&mut conn, workshop_id, &ids).await?;
        let mut connection =
            Connection::with_additional_fields(after.is_some(), has_next, Totals { total_count: total });
        for customer in &customers {
            if let Some(found) = details.remove(&customer.id) {
                connection.edges.push(Edge::new(encode_cursor(&customer.cursor()), Customer(found)));
            }
        }
        Ok(connection)
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
        limits::text("brand", brand.as_deref(), 60)?;
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
    #[graphql(guard = "RoleGuard(CUSTOMER)")]
    async fn my_customer(&self, ctx: &Context<'_>) -> Result<Customer, ApiError> {
        let p = principal(ctx)?;
        let id = p.membership.customer_id.ok_or(ApiError::NotFound)?;
        Customer::load(ctx, p.workshop.id, id).await
    }
}
