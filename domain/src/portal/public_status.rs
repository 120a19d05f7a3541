//! What a status link shows: one order's number, status, vehicle, items and total, and the
//! workshop's name. Nothing about the customer is loaded, so nothing about them can leak.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel_async::RunQueryDsl;

use super::models::StatusLink;
use crate::db::Conn;
use crate::schema::{service_order_items, vehicles, workshops};
use crate::service::{OrderItem, ServiceOrder};

/// One order as anyone holding its status link sees it.
#[derive(Debug, Clone)]
pub struct PublicOrderStatus {
    pub order: ServiceOrder,
    pub workshop_name: String,
    pub plate: String,
    /// Brand, model and year: `Fiat Argo 2021`.
    pub vehicle_description: String,
    /// Oldest first.
    pub items: Vec<OrderItem>,
}

impl PublicOrderStatus {
    /// The order behind a working link's `token` at `now`; `None` for an unknown, revoked or
    /// expired one.
    pub async fn by_token(
        conn: &mut Conn<'_>,
        token: &str,
        now: DateTime<Utc>,
    ) -> QueryResult<Option<PublicOrderStatus>> {
        let Some((_, order)) = StatusLink::find_working(conn, token, now).await? else { return Ok(None) };
        let (workshop_id, vehicle_id, order_id) = (order.workshop_id, order.vehicle_id, order.id);
        let (workshop_name, plate, brand, model, year): (String, String, String, String, i32) =
            crate::run!(conn, |c| {
                vehicles::table
                    .inner_join(workshops::table)
                    .filter(vehicles::workshop_id.eq(workshop_id))
                    .filter(vehicles::id.eq(vehicle_id))
                    .select((
                        workshops::name,
                        vehicles::plate,
                        vehicles::brand,
                        vehicles::model,
                        vehicles::year,
                    ))
                    .first(c)
                    .await
            })?;
        let items: Vec<OrderItem> = crate::run!(conn, |c| {
            service_order_items::table
                .filter(service_order_items::workshop_id.eq(workshop_id))
                .filter(service_order_items::service_order_id.eq(order_id))
                .order(service_order_items::id)
                .select(OrderItem::as_select())
                .load(c)
                .await
        })?;
        Ok(Some(PublicOrderStatus {
            order,
            workshop_name,
            plate,
            vehicle_description: format!("{brand} {model} {year}"),
            items,
        }))
    }
}
