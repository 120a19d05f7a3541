//! A vehicle's service history (`Vehicle.serviceOrders`): first pages of the vehicles of one
//! answer (a customer's portal, with every vehicle's history) load together, in one batch.

use std::collections::HashMap;

use async_graphql::Context;
use async_graphql::dataloader::{DataLoader, Loader};
use oficina_domain::search::NameCursor;
use oficina_domain::service as domain;

use super::loaders::ServiceLoader;
use super::query::{orders_page, viewer};
use super::{ServiceOrder, ServiceOrderConnection};
use crate::auth::principal;
use crate::error::ApiError;
use crate::graphql::pagination::{page_of, page_size};

/// A key of the batch: the first `first` orders of a vehicle that `viewer` may see.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct FirstOrdersOf {
    workshop_id: i64,
    viewer: domain::OrderViewer,
    first: i64,
    vehicle_id: i64,
}

impl Loader<FirstOrdersOf> for ServiceLoader {
    type Value = domain::OrderPage;
    type Error = String;

    async fn load(
        &self,
        keys: &[FirstOrdersOf],
    ) -> Result<HashMap<FirstOrdersOf, domain::OrderPage>, String> {
        let mut grouped: HashMap<(i64, domain::OrderViewer, i64), Vec<i64>> = HashMap::new();
        for key in keys {
            grouped.entry((key.workshop_id, key.viewer, key.first)).or_default().push(key.vehicle_id);
        }
        let mut pooled = self.0.get().await.map_err(|e| e.to_string())?;
        let mut found = HashMap::new();
        for ((workshop_id, viewer, first), vehicle_ids) in grouped {
            let pages = domain::ServiceOrder::first_of_vehicles(
                &mut pooled.conn(),
                workshop_id,
                viewer,
                &vehicle_ids,
                first,
            )
            .await
            .map_err(|e| format!("database: {e}"))?;
            found.extend(
                pages.into_iter().map(|(vehicle_id, page)| {
                    (FirstOrdersOf { workshop_id, viewer, first, vehicle_id }, page)
                }),
            );
        }
        Ok(found)
    }
}

/// The orders of vehicle `vehicle_id` of `workshop_id` the caller may see, newest first: a first
/// page through the batch, a later one (`after`) on its own.
pub async fn vehicle_orders(
    ctx: &Context<'_>,
    workshop_id: i64,
    vehicle_id: i64,
    first: Option<i32>,
    after: Option<String>,
) -> Result<ServiceOrderConnection, ApiError> {
    if after.is_some() {
        let filter = domain::OrderFilter { vehicle_id: Some(vehicle_id), ..domain::OrderFilter::default() };
        return orders_page(ctx, filter, first, after).await;
    }
    let key =
        FirstOrdersOf { workshop_id, viewer: viewer(principal(ctx)?)?, first: page_size(first)?, vehicle_id };
    let loader = ctx.data_unchecked::<DataLoader<ServiceLoader>>();
    let page = loader.load_one(key).await.map_err(ApiError::Internal)?.unwrap_or(domain::OrderPage {
        orders: Vec::new(),
        total: 0,
        has_next: false,
    });
    let items =
        page.orders.into_iter().map(|o| (NameCursor { sort_name: String::new(), id: o.id }, ServiceOrder(o)));
    Ok(page_of(false, page.has_next, page.total, items))
}
