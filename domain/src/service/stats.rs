//! What finished orders say about customers and vehicles: total spent, visits, the last visit,
//! who has not come back, and the warranties still valid.

use std::collections::HashMap;

use chrono::{Duration, NaiveDate, NaiveDateTime, Utc};
use diesel::dsl::{count_star, exists, max, not, sql};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Nullable};
use diesel_async::RunQueryDsl;

use super::models::OrderStatus;
use crate::crm::Customer;
use crate::db::Conn;
use crate::schema::{customers, service_order_items, service_orders, vehicles};
use crate::search::NameCursor;

/// A customer's history of finished orders.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CustomerStats {
    pub total_spent_cents: i64,
    pub visit_count: i64,
    pub last_visit_at: Option<NaiveDateTime>,
}

/// An item's warranty that still runs.
#[derive(Debug, Clone)]
pub struct Warranty {
    pub service_order_id: i64,
    pub order_number: i64,
    pub description: String,
    /// The last day it covers, if it runs by days.
    pub until_date: Option<NaiveDate>,
    /// The odometer reading it covers up to, if it runs by km.
    pub until_km: Option<i64>,
}

impl CustomerStats {
    /// The stats of these customers of `workshop_id`, in one query; a customer without finished
    /// orders is absent (all zero).
    pub async fn of(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        customer_ids: &[i64],
    ) -> QueryResult<HashMap<i64, CustomerStats>> {
        let rows: Vec<(i64, Option<i64>, i64, Option<NaiveDateTime>)> = crate::run!(conn, |c| {
            service_orders::table
                .filter(service_orders::workshop_id.eq(workshop_id))
                .filter(service_orders::customer_id.eq_any(customer_ids))
                .filter(service_orders::status.eq(OrderStatus::Finished))
                .group_by(service_orders::customer_id)
                .select((
                    service_orders::customer_id,
                    sql::<Nullable<BigInt>>("CAST(SUM(service_orders.final_cents) AS BIGINT)"),
                    count_star(),
                    max(service_orders::finished_at),
                ))
                .load(c)
                .await
        })?;
        Ok(rows
            .into_iter()
            .map(|(id, spent, visits, last)| {
                let stats = CustomerStats {
                    total_spent_cents: spent.unwrap_or(0),
                    visit_count: visits,
                    last_visit_at: last,
                };
                (id, stats)
            })
            .collect())
    }

    /// Customers of `workshop_id` with a finished order, none in the last `days` days, in name
    /// order, `first` at a time after `after`; with their total.
    pub async fn inactive_customers(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        days: i64,
        first: i64,
        after: Option<&NameCursor>,
    ) -> QueryResult<(Vec<Customer>, i64, bool)> {
        let cutoff = Utc::now().naive_utc() - Duration::days(days);
        // A boxed query is typed per backend: the macro builds it inside each arm of `run!`.
        macro_rules! inactive {
            () => {{
                let finished = service_orders::table
                    .filter(service_orders::workshop_id.eq(workshop_id))
                    .filter(service_orders::customer_id.eq(customers::id))
                    .filter(service_orders::status.eq(OrderStatus::Finished));
                customers::table
                    .filter(customers::workshop_id.eq(workshop_id))
                    .filter(exists(finished))
                    .filter(not(exists(finished.filter(service_orders::finished_at.ge(cutoff)))))
                    .into_boxed()
            }};
        }
        let total: i64 = crate::run!(conn, |c| inactive!().count().get_result(c).await)?;
        let mut found: Vec<Customer> = crate::run!(conn, |c| {
            let mut page = inactive!();
            if let Some(after) = after {
                page = page.filter(
                    customers::sort_name
                        .gt(&after.sort_name)
                        .or(customers::sort_name.eq(&after.sort_name).and(customers::id.gt(after.id))),
                );
            }
            page.order((customers::sort_name, customers::id))
                .limit(first + 1)
                .select(Customer::as_select())
                .load(c)
                .await
        })?;
        let has_next = found.len() as i64 > first;
        found.truncate(first as usize);
        Ok((found, total, has_next))
    }
}

impl Warranty {
    /// The warranties of vehicle `vehicle_id`'s finished orders that still run today (by date) or
    /// at the vehicle's odometer (by km), newest order first.
    pub async fn of_vehicle(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        vehicle_id: i64,
    ) -> QueryResult<Vec<Warranty>> {
        #[allow(clippy::type_complexity)]
        let rows: Vec<(
            i64,
            i64,
            Option<NaiveDateTime>,
            Option<i64>,
            String,
            Option<i32>,
            Option<i32>,
        )> = crate::run!(conn, |c| {
            service_order_items::table
                .inner_join(service_orders::table)
                .filter(service_orders::workshop_id.eq(workshop_id))
                .filter(service_orders::vehicle_id.eq(vehicle_id))
                .filter(service_orders::status.eq(OrderStatus::Finished))
                .filter(
                    service_order_items::warranty_days
                        .is_not_null()
                        .or(service_order_items::warranty_km.is_not_null()),
                )
                .order((service_orders::id.desc(), service_order_items::id))
                .select((
                    service_orders::id,
                    service_orders::number,
                    service_orders::finished_at,
                    service_orders::odometer_km,
                    service_order_items::description,
                    service_order_items::warranty_days,
                    service_order_items::warranty_km,
                ))
                .load(c)
                .await
        })?;
        let odometer: Option<i64> = crate::run!(conn, |c| {
            vehicles::table
                .filter(vehicles::workshop_id.eq(workshop_id))
                .filter(vehicles::id.eq(vehicle_id))
                .select(vehicles::odometer_km)
                .first(c)
                .await
                .optional()
        })?
        .flatten();
        let today = Utc::now().date_naive();
        Ok(rows
            .into_iter()
            .filter_map(|(order_id, number, finished_at, order_km, description, days, km)| {
                let until_date = days.zip(finished_at).map(|(d, at)| at.date() + Duration::days(d.into()));
                let until_km = km.zip(order_km).map(|(k, at)| at + i64::from(k));
                let by_date = until_date.is_some_and(|d| d >= today);
                let by_km = until_km.is_some_and(|k| odometer.is_none_or(|now| now <= k));
                let runs = match (until_date, until_km) {
                    (Some(_), Some(_)) => by_date && by_km,
                    _ => by_date || by_km,
                };
                runs.then_some(Warranty {
                    service_order_id: order_id,
                    order_number: number,
                    description,
                    until_date,
                    until_km,
                })
            })
            .collect())
    }
}
