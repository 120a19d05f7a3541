//! Batched loads of customers' loyalty: a list of customers that asks for it costs the same few
//! queries as one customer.

use std::collections::HashMap;

use async_graphql::Context;
use async_graphql::dataloader::{DataLoader, Loader};
use oficina_domain::loyalty::CustomerLoyalty as Standing;

use super::types::CustomerLoyalty;
use crate::error::ApiError;
use crate::graphql::service::ServiceLoader;
use crate::graphql::service::loaders::{WorkshopKey, workshop_key};

workshop_key!(
    /// A customer's loyalty standing.
    LoyaltyOf
);

impl Loader<LoyaltyOf> for ServiceLoader {
    type Value = Standing;
    type Error = String;

    async fn load(&self, keys: &[LoyaltyOf]) -> Result<HashMap<LoyaltyOf, Standing>, String> {
        self.by_workshop(keys, async |conn, workshop_id, ids| {
            Standing::of_customers(conn, workshop_id, ids).await
        })
        .await
    }
}

/// Customer `customer_id`'s points and progress; customers of one list share their queries.
pub async fn customer_loyalty(
    ctx: &Context<'_>,
    workshop_id: i64,
    customer_id: i64,
) -> Result<CustomerLoyalty, ApiError> {
    let found = ctx
        .data_unchecked::<DataLoader<ServiceLoader>>()
        .load_one(LoyaltyOf { workshop_id, id: customer_id })
        .await
        .map_err(ApiError::Internal)?;
    Ok(found.map(Into::into).unwrap_or_default())
}
