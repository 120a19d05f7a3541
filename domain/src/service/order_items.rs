//! Items of an open service order: adding, changing and removing lines, each priced from the
//! catalog and followed by the order's new totals.

use chrono::Utc;
use diesel::prelude::*;
use diesel_async::RunQueryDsl;

use super::events::{ItemSnapshot, ORDER_ITEM_ADDED, ORDER_ITEM_CHANGED, ORDER_ITEM_REMOVED};
use super::models::{OrderItem, Product, Service, ServiceOrder};
use super::order::{lock_open, too_large, write_totals};
use super::order_input::{CatalogRef, ITEMS_MAX, ItemChange, ItemInput};
use super::totals::item_total;
use crate::audit::{Actor, Committed, NewEvent, changes};
use crate::db::Conn;
use crate::error::DomainError;
use crate::message::Message;
use crate::schema::service_order_items;
use crate::types::{Money, Quantity};

/// A line about to be written: the catalog item it came from and its numbers.
pub(super) struct NewLine {
    pub(super) catalog: CatalogRef,
    description: String,
    quantity: Quantity,
    unit_price: Money,
    pub(super) total: Money,
    warranty_days: Option<i32>,
    warranty_km: Option<i32>,
}

impl ServiceOrder {
    /// Adds an item to an open order.
    pub async fn add_item(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        actor: &Actor,
        order_id: i64,
        item: ItemInput,
    ) -> Result<Committed<ServiceOrder>, DomainError> {
        item.catalog_ref("item")?;
        item.validate_numbers("item")?;
        let actor = actor.clone();
        Committed::run(conn, move |tx| {
            Box::pin(async move {
                let before = lock_open(tx, workshop_id, order_id).await?;
                let count: i64 = crate::run!(tx, |c| {
                    service_order_items::table
                        .filter(service_order_items::service_order_id.eq(order_id))
                        .count()
                        .get_result(c)
                        .await
                })?;
                if count >= ITEMS_MAX as i64 {
                    return Err(DomainError::invalid(
                        "item",
                        Message::owned(
                            format!("Uma ordem tem no máximo {ITEMS_MAX} itens."),
                            format!("An order has at most {ITEMS_MAX} items."),
                        ),
                    ));
                }
                let line = line_for(tx, workshop_id, &item, "item").await?;
                let added = insert_line(tx, &before, &line).await?;
                let after = write_totals(tx, &before, None).await?;
                let event = NewEvent::new(ORDER_ITEM_ADDED, workshop_id, order_id)
                    .by(&actor)
                    .with(&ItemSnapshot::from(&added));
                Ok((after, vec![event]))
            })
        })
        .await
    }

    /// Changes the quantity, price or warranty of an item of an open order.
    pub async fn change_item(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        actor: &Actor,
        item_id: i64,
        change: ItemChange,
    ) -> Result<Committed<ServiceOrder>, DomainError> {
        let unit_price = change.validate_numbers()?;
        let actor = actor.clone();
        Committed::run(conn, move |tx| {
            Box::pin(async move {
                let before_item = find_item(tx, workshop_id, item_id).await?;
                let order = lock_open(tx, workshop_id, before_item.service_order_id).await?;
                let quantity = item_quantity(tx, workshop_id, &before_item, change.quantity).await?;
                let total = item_total(quantity, unit_price).ok_or_else(too_large)?;
                let after_item: OrderItem = crate::run!(tx, |c| {
                    diesel::update(service_order_items::table.find(item_id))
                        .set((
                            service_order_items::quantity_milli.eq(quantity.milli()),
                            service_order_items::unit_price_cents.eq(unit_price.cents()),
                            service_order_items::total_cents.eq(total.cents()),
                            service_order_items::warranty_days.eq(change.warranty_days),
                            service_order_items::warranty_km.eq(change.warranty_km),
                        ))
                        .returning(OrderItem::as_returning())
                        .get_result(c)
                        .await
                })?;
                let after = write_totals(tx, &order, None).await?;
                let mut diff = changes(&ItemSnapshot::from(&before_item), &ItemSnapshot::from(&after_item));
                diff["itemId"] = serde_json::json!(item_id);
                let event = NewEvent::new(ORDER_ITEM_CHANGED, workshop_id, order.id).by(&actor).with(&diff);
                Ok((after, vec![event]))
            })
        })
        .await
    }

    /// Removes an item from an open order.
    pub async fn remove_item(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        actor: &Actor,
        item_id: i64,
    ) -> Result<Committed<ServiceOrder>, DomainError> {
        let actor = actor.clone();
        Committed::run(conn, move |tx| {
            Box::pin(async move {
                let item = find_item(tx, workshop_id, item_id).await?;
                let order = lock_open(tx, workshop_id, item.service_order_id).await?;
                crate::run!(tx, |c| diesel::delete(service_order_items::table.find(item_id))
                    .execute(c)
                    .await)?;
                let after = write_totals(tx, &order, None).await?;
                let event = NewEvent::new(ORDER_ITEM_REMOVED, workshop_id, order.id)
                    .by(&actor)
                    .with(&ItemSnapshot::from(&item));
                Ok((after, vec![event]))
            })
        })
        .await
    }
}

async fn find_item(conn: &mut Conn<'_>, workshop_id: i64, item_id: i64) -> Result<OrderItem, DomainError> {
    let item: Option<OrderItem> = crate::run!(conn, |c| {
        service_order_items::table
            .filter(service_order_items::workshop_id.eq(workshop_id))
            .filter(service_order_items::id.eq(item_id))
            .select(OrderItem::as_select())
            .first(c)
            .await
            .optional()
    })?;
    item.ok_or(DomainError::NotFound)
}

/// The quantity of `item`, checked against its product's unit (labour: any amount up to 3 decimals).
async fn item_quantity(
    conn: &mut Conn<'_>,
    workshop_id: i64,
    item: &OrderItem,
    quantity: f64,
) -> Result<Quantity, DomainError> {
    let decimals = match item.product_id {
        Some(id) => Product::find(conn, workshop_id, id).await?.is_some_and(|p| p.unit.allows_decimals()),
        None => false,
    };
    positive_quantity("quantity", quantity, decimals)
}

fn positive_quantity(field: &str, quantity: f64, decimals: bool) -> Result<Quantity, DomainError> {
    let quantity = Quantity::parse(quantity, decimals).map_err(DomainError::invalid_at(field))?;
    if quantity.milli() == 0 {
        return Err(DomainError::invalid(
            field,
            Message::new("Informe uma quantidade maior que zero.", "Enter a quantity above zero."),
        ));
    }
    Ok(quantity)
}

/// Reads the catalog item `item` names and prices the line; `field` is the item's path.
pub(super) async fn line_for(
    conn: &mut Conn<'_>,
    workshop_id: i64,
    item: &ItemInput,
    field: &str,
) -> Result<NewLine, DomainError> {
    let catalog = item.catalog_ref(field)?;
    let (description, price, decimals, warranty_days, warranty_km) = match catalog {
        CatalogRef::Product(id) => {
            let product =
                Product::find(conn, workshop_id, id).await?.filter(|p| p.active).ok_or_else(|| {
                    DomainError::invalid(
                        format!("{field}.productId"),
                        Message::new("Peça não encontrada no catálogo.", "Part not found in the catalog."),
                    )
                })?;
            (
                product.name.clone(),
                product.price(),
                product.unit.allows_decimals(),
                product.warranty_days,
                product.warranty_km,
            )
        }
        CatalogRef::Service(id) => {
            let service =
                Service::find(conn, workshop_id, id).await?.filter(|s| s.active).ok_or_else(|| {
                    DomainError::invalid(
                        format!("{field}.serviceId"),
                        Message::new(
                            "Serviço não encontrado no catálogo.",
                            "Service not found in the catalog.",
                        ),
                    )
                })?;
            (service.name.clone(), service.price(), false, service.warranty_days, service.warranty_km)
        }
    };
    let quantity = positive_quantity(&format!("{field}.quantity"), item.quantity, decimals)?;
    let unit_price = item.unit_price_cents.map(Money::from_cents).unwrap_or(price);
    let total = item_total(quantity, unit_price).ok_or_else(too_large)?;
    Ok(NewLine {
        catalog,
        description,
        quantity,
        unit_price,
        total,
        warranty_days: item.warranty_days.or(warranty_days),
        warranty_km: item.warranty_km.or(warranty_km),
    })
}

pub(super) async fn insert_line(
    conn: &mut Conn<'_>,
    order: &ServiceOrder,
    line: &NewLine,
) -> Result<OrderItem, DomainError> {
    let (product_id, service_id) = match line.catalog {
        CatalogRef::Product(id) => (Some(id), None),
        CatalogRef::Service(id) => (None, Some(id)),
    };
    let item: OrderItem = crate::run!(conn, |c| {
        diesel::insert_into(service_order_items::table)
            .values((
                service_order_items::workshop_id.eq(order.workshop_id),
                service_order_items::service_order_id.eq(order.id),
                service_order_items::product_id.eq(product_id),
                service_order_items::service_id.eq(service_id),
                service_order_items::description.eq(&line.description),
                service_order_items::quantity_milli.eq(line.quantity.milli()),
                service_order_items::unit_price_cents.eq(line.unit_price.cents()),
                service_order_items::total_cents.eq(line.total.cents()),
                service_order_items::warranty_days.eq(line.warranty_days),
                service_order_items::warranty_km.eq(line.warranty_km),
                service_order_items::created_at.eq(Utc::now().naive_utc()),
            ))
            .returning(OrderItem::as_returning())
            .get_result(c)
            .await
    })?;
    Ok(item)
}
