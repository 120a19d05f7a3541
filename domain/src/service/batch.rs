//! Batched reads of what order lists show: the items and installments of a page of orders in
//! one query each.

use std::collections::HashMap;

use diesel::prelude::*;
use diesel_async::RunQueryDsl;

use super::models::{Installment, OrderItem};
use crate::db::Conn;
use crate::schema::{installments, service_order_items};

impl OrderItem {
    /// The items of these orders of `workshop_id`, in the order they were added.
    pub async fn of_orders(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        order_ids: &[i64],
    ) -> QueryResult<HashMap<i64, Vec<OrderItem>>> {
        let items: Vec<OrderItem> = crate::run!(conn, |c| {
            service_order_items::table
                .filter(service_order_items::workshop_id.eq(workshop_id))
                .filter(service_order_items::service_order_id.eq_any(order_ids))
                .order(service_order_items::id)
                .select(OrderItem::as_select())
                .load(c)
                .await
        })?;
        let mut by_order: HashMap<i64, Vec<OrderItem>> = HashMap::new();
        for item in items {
            by_order.entry(item.service_order_id).or_default().push(item);
        }
        Ok(by_order)
    }
}

impl Installment {
    /// The installments of these orders of `workshop_id`, by number.
    pub async fn of_orders(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        order_ids: &[i64],
    ) -> QueryResult<HashMap<i64, Vec<Installment>>> {
        let found: Vec<Installment> = crate::run!(conn, |c| {
            installments::table
                .filter(installments::workshop_id.eq(workshop_id))
                .filter(installments::service_order_id.eq_any(order_ids))
                .order((installments::service_order_id, installments::number))
                .select(Installment::as_select())
                .load(c)
                .await
        })?;
        let mut by_order: HashMap<i64, Vec<Installment>> = HashMap::new();
        for installment in found {
            by_order.entry(installment.service_order_id).or_default().push(installment);
        }
        Ok(by_order)
    }
}
