//! Products (parts): adding them to the catalog, editing, deactivating and finding them.

use chrono::Utc;
use diesel::prelude::*;
use diesel_async::RunQueryDsl;

use super::events::{
    NEGATIVE_STOCK_POLICY_SET, PRODUCT_CREATED, PRODUCT_DEACTIVATED, PRODUCT_UPDATED, ProductSnapshot,
};
use super::input::{ProductInput, REFERENCE_TAKEN};
use super::models::Product;
use crate::audit::{Actor, Committed, NewEvent, changes};
use crate::db::Conn;
use crate::error::{DomainError, on_unique_violation};
use crate::schema::{products, workshops};
use crate::search::NameCursor;
use crate::types::normalize_search;

/// One page of a product list, in name order.
#[derive(Debug, Clone)]
pub struct ProductPage {
    pub products: Vec<Product>,
    pub total: i64,
    pub has_next: bool,
}

/// Which products a list shows besides the search.
#[derive(Debug, Clone, Copy, Default)]
pub struct ProductFilter {
    /// Only those whose stock is at or below their minimum.
    pub low_stock: bool,
    /// Deactivated products too.
    pub include_inactive: bool,
}

impl Product {
    /// The product `id` of `workshop_id`; another workshop's product is not found.
    pub async fn find(conn: &mut Conn<'_>, workshop_id: i64, id: i64) -> QueryResult<Option<Product>> {
        crate::run!(conn, |c| {
            products::table
                .filter(products::workshop_id.eq(workshop_id))
                .filter(products::id.eq(id))
                .select(Product::as_select())
                .first(c)
                .await
                .optional()
        })
    }

    /// Adds a product to the catalog.
    pub async fn create(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        actor: &Actor,
        input: ProductInput,
    ) -> Result<Committed<Product>, DomainError> {
        let valid = input.validate()?;
        let actor = actor.clone();
        Committed::run(conn, move |tx| {
            Box::pin(async move {
                let now = Utc::now().naive_utc();
                let product: Product = crate::run!(tx, |c| {
                    diesel::insert_into(products::table)
                        .values((
                            products::workshop_id.eq(workshop_id),
                            products::reference.eq(&valid.item.reference),
                            products::name.eq(valid.item.name.as_str()),
                            products::unit.eq(valid.unit),
                            products::price_cents.eq(valid.item.price.cents()),
                            products::stock_milli.eq(valid.stock.milli()),
                            products::minimum_stock_milli.eq(valid.minimum_stock.milli()),
                            products::warranty_days.eq(valid.item.warranty_days),
                            products::warranty_km.eq(valid.item.warranty_km),
                            products::active.eq(true),
                            products::search_text.eq(valid.item.search_text()),
                            products::sort_name.eq(valid.item.sort_name()),
                            products::created_at.eq(now),
                            products::updated_at.eq(now),
                        ))
                        .returning(Product::as_returning())
                        .get_result(c)
                        .await
                })
                .map_err(on_unique_violation("reference", REFERENCE_TAKEN))?;
                let event = NewEvent::new(PRODUCT_CREATED, workshop_id, product.id)
                    .by(&actor)
                    .with(&ProductSnapshot::from(&product));
                Ok((product, vec![event]))
            })
        })
        .await
    }

    /// Replaces a product's data; the event lists what changed, before and after.
    pub async fn update(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        actor: &Actor,
        id: i64,
        input: ProductInput,
    ) -> Result<Committed<Product>, DomainError> {
        let valid = input.validate()?;
        let actor = actor.clone();
        Committed::run(conn, move |tx| {
            Box::pin(async move {
                let before: Product = crate::first_for_update!(
                    tx,
                    products::table
                        .filter(products::workshop_id.eq(workshop_id))
                        .filter(products::id.eq(id))
                        .select(Product::as_select())
                )?
                .ok_or(DomainError::NotFound)?;
                let after: Product = crate::run!(tx, |c| {
                    diesel::update(products::table.find(id).filter(products::workshop_id.eq(workshop_id)))
                        .set((
                            products::reference.eq(&valid.item.reference),
                            products::name.eq(valid.item.name.as_str()),
                            products::unit.eq(valid.unit),
                            products::price_cents.eq(valid.item.price.cents()),
                            products::stock_milli.eq(valid.stock.milli()),
                            products::minimum_stock_milli.eq(valid.minimum_stock.milli()),
                            products::warranty_days.eq(valid.item.warranty_days),
                            products::warranty_km.eq(valid.item.warranty_km),
                            products::search_text.eq(valid.item.search_text()),
                            products::sort_name.eq(valid.item.sort_name()),
                            products::updated_at.eq(Utc::now().naive_utc()),
                        ))
                        .returning(Product::as_returning())
                        .get_result(c)
                        .await
                })
                .map_err(on_unique_violation("reference", REFERENCE_TAKEN))?;
                let event = NewEvent::new(PRODUCT_UPDATED, workshop_id, id)
                    .by(&actor)
                    .with(&changes(&ProductSnapshot::from(&before), &ProductSnapshot::from(&after)));
                Ok((after, vec![event]))
            })
        })
        .await
    }

    /// Takes a product out of lists and new orders (it stays for the orders that used it).
    /// One conditional UPDATE: deactivating an inactive product changes nothing and records nothing.
    pub async fn deactivate(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        actor: &Actor,
        id: i64,
    ) -> Result<Committed<Product>, DomainError> {
        super::item::deactivate!(conn, products, Product, PRODUCT_DEACTIVATED, workshop_id, actor, id)
    }

    /// Products of `workshop_id` whose reference or name contains every word of `search`
    /// (accents, case and punctuation ignored), in name order, `first` at a time.
    pub async fn search(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        search: Option<&str>,
        filter: ProductFilter,
        first: i64,
        after: Option<&NameCursor>,
    ) -> QueryResult<ProductPage> {
        let (total, products, has_next) = crate::search::trigram_search!(
            conn,
            products,
            Product,
            || {
                let mut query = products::table.filter(products::workshop_id.eq(workshop_id)).into_boxed();
                if !filter.include_inactive {
                    query = query.filter(products::active.eq(true));
                }
                if filter.low_stock {
                    query = query.filter(products::stock_milli.le(products::minimum_stock_milli));
                }
                query
            },
            search,
            first,
            after
        )?;
        Ok(ProductPage { products, total, has_next })
    }

    /// Sets whether finishing an order may take a product's stock below zero in `workshop_id`.
    pub async fn allow_negative_stock(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        actor: &Actor,
        allow: bool,
    ) -> Result<Committed<bool>, DomainError> {
        let actor = actor.clone();
        Committed::run(conn, move |tx| {
            Box::pin(async move {
                let changed = crate::run!(tx, |c| {
                    diesel::update(
                        workshops::table
                            .filter(workshops::id.eq(workshop_id))
                            .filter(workshops::allow_negative_stock.ne(allow)),
                    )
                    .set(workshops::allow_negative_stock.eq(allow))
                    .execute(c)
                    .await
                })?;
                let events = if changed == 1 {
                    vec![
                        NewEvent::new(NEGATIVE_STOCK_POLICY_SET, workshop_id, workshop_id)
                            .by(&actor)
                            .with(&serde_json::json!({ "allowNegativeStock": allow })),
                    ]
                } else {
                    vec![]
                };
                Ok((allow, events))
            })
        })
        .await
    }

    /// Where the next page starts after this product.
    pub fn cursor(&self) -> NameCursor {
        NameCursor { sort_name: normalize_search(&self.name), id: self.id }
    }
}
