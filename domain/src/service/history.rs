//! The first page of several vehicles' service histories at once: what a customer's portal
//! shows for each of their vehicles, in two statements whatever the number of vehicles.

use std::collections::HashMap;

use diesel::prelude::*;
use diesel::sql_types::BigInt;
use diesel_async::RunQueryDsl;

use super::models::ServiceOrder;
use super::order::{OrderPage, OrderViewer};
use crate::db::Conn;
use crate::schema::service_orders;

/// One order of the ranking: its id and how many orders its vehicle has in all.
#[derive(QueryableByName)]
struct Ranked {
    #[diesel(sql_type = BigInt)]
    id: i64,
    #[diesel(sql_type = BigInt)]
    total: i64,
}

impl ServiceOrder {
    /// For each of `vehicle_ids` of `workshop_id`: its newest `first` orders that `viewer` may
    /// see, as [`ServiceOrder::page`] with a vehicle filter would give them. Vehicles without any
    /// get an empty page.
    pub async fn first_of_vehicles(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        viewer: OrderViewer,
        vehicle_ids: &[i64],
        first: i64,
    ) -> QueryResult<HashMap<i64, OrderPage>> {
        let mut pages: HashMap<i64, OrderPage> = vehicle_ids
            .iter()
            .map(|id| (*id, OrderPage { orders: Vec::new(), total: 0, has_next: false }))
            .collect();
        if vehicle_ids.is_empty() {
            return Ok(pages);
        }
        // Only integers go into the text, so it needs no binding (and reads the same on both backends).
        let ids = vehicle_ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
        let seen_by = match viewer {
            OrderViewer::FrontDesk => String::new(),
            OrderViewer::Mechanic { membership_id } => format!(" AND mechanic_id = {membership_id}"),
            OrderViewer::Customer { customer_id } => format!(" AND customer_id = {customer_id}"),
        };
        let ranking = format!(
            "SELECT id, total FROM (SELECT id, \
                 ROW_NUMBER() OVER (PARTITION BY vehicle_id ORDER BY id DESC) AS place, \
                 COUNT(*) OVER (PARTITION BY vehicle_id) AS total \
             FROM service_orders WHERE workshop_id = {workshop_id} AND vehicle_id IN ({ids}){seen_by}) ranked \
             WHERE place <= {}",
            first + 1
        );
        let ranked: Vec<Ranked> = crate::run!(conn, |c| diesel::sql_query(&ranking).load(c).await)?;
        let totals: HashMap<i64, i64> = ranked.iter().map(|r| (r.id, r.total)).collect();
        let ids: Vec<i64> = ranked.iter().map(|r| r.id).collect();
        let orders: Vec<ServiceOrder> = crate::run!(conn, |c| {
            service_orders::table
                .filter(service_orders::workshop_id.eq(workshop_id))
                .filter(service_orders::id.eq_any(&ids[..]))
                .order(service_orders::id.desc())
                .select(ServiceOrder::as_select())
                .load(c)
                .await
        })?;
        for order in orders {
            let Some(page) = pages.get_mut(&order.vehicle_id) else { continue };
            page.total = totals.get(&order.id).copied().unwrap_or_default();
            if page.orders.len() as i64 == first {
                page.has_next = true;
            } else {
                page.orders.push(order);
            }
        }
        Ok(pages)
    }
}
