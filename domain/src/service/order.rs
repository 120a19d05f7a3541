//! Service orders: creating a quote, editing its header while it is open, numbering, and finding
//! orders (items: `order_items`).

use chrono::{NaiveDate, NaiveDateTime, Utc};
use diesel::prelude::*;
use diesel_async::RunQueryDsl;

use super::events::{
    NEXT_ORDER_NUMBER_SET, NextNumberSet, ORDER_CREATED, ORDER_UPDATED, OrderCreated, OrderHeaderSnapshot,
};
use super::models::{OrderStatus, ServiceOrder};
use super::order_input::{CatalogRef, ITEMS_MAX, OrderHeader, OrderInput, ValidHeader};
use super::order_items::{insert_line, line_for};
use super::totals::Totals;
use crate::audit::{Actor, Committed, NewEvent, changes};
use crate::crm::Vehicle;
use crate::db::Conn;
use crate::error::DomainError;
use crate::identity::{Membership, Role};
use crate::message::Message;
use crate::schema::{service_order_items, service_orders, vehicles, workshops};
use crate::types::Money;

/// Who is asking, for the orders they may see: staff see every order of the workshop, a
/// MECHANIC those assigned to them, a CUSTOMER their own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OrderViewer {
    FrontDesk,
    Mechanic { membership_id: i64 },
    Customer { customer_id: i64 },
}

impl OrderViewer {
    /// Whether this viewer may see `order`.
    pub fn sees(self, order: &ServiceOrder) -> bool {
        match self {
            OrderViewer::FrontDesk => true,
            OrderViewer::Mechanic { membership_id } => order.mechanic_id == Some(membership_id),
            OrderViewer::Customer { customer_id } => order.customer_id == customer_id,
        }
    }
}

/// Which orders a list shows, newest first.
#[derive(Debug, Clone, Copy, Default)]
pub struct OrderFilter {
    pub status: Option<OrderStatus>,
    pub customer_id: Option<i64>,
    pub vehicle_id: Option<i64>,
    /// Only orders finished at or after this instant.
    pub finished_since: Option<chrono::NaiveDateTime>,
}

/// One page of orders, newest first.
#[derive(Debug, Clone)]
pub struct OrderPage {
    pub orders: Vec<ServiceOrder>,
    pub total: i64,
    pub has_next: bool,
}

/// What an order's header and totals write, on creation and on every change.
#[derive(Insertable, AsChangeset)]
#[diesel(table_name = service_orders, treat_none_as_null = true)]
struct HeaderRow<'a> {
    mechanic_id: Option<i64>,
    odometer_km: Option<i64>,
    notes: Option<&'a str>,
    services_cents: i64,
    parts_cents: i64,
    discount_cents: i64,
    taxes_cents: i64,
    final_cents: i64,
    next_revision_date: Option<NaiveDate>,
    next_revision_km: Option<i64>,
    updated_at: NaiveDateTime,
}

impl<'a> HeaderRow<'a> {
    fn new(header: &'a ValidHeader, totals: &Totals) -> Self {
        Self {
            mechanic_id: header.mechanic_id,
            odometer_km: header.odometer_km,
            notes: header.notes.as_deref(),
            services_cents: totals.services.cents(),
            parts_cents: totals.parts.cents(),
            discount_cents: totals.discount.cents(),
            taxes_cents: totals.taxes.cents(),
            final_cents: totals.final_total.cents(),
            next_revision_date: header.next_revision_date,
            next_revision_km: header.next_revision_km,
            updated_at: Utc::now().naive_utc(),
        }
    }
}

fn not_open(order: &ServiceOrder) -> DomainError {
    DomainError::invalid(
        "id",
        Message::owned(
            format!(
                "A ordem está {}: só orçamentos e ordens em andamento podem ser alterados.",
                order.status.label_pt()
            ),
            format!(
                "The order is {}: only quotes and orders in progress can change.",
                order.status.label_en()
            ),
        ),
    )
}

impl ServiceOrder {
    /// The order `id` of `workshop_id` if `viewer` may see it.
    pub async fn find(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        viewer: OrderViewer,
        id: i64,
    ) -> QueryResult<Option<ServiceOrder>> {
        let order: Option<ServiceOrder> = crate::run!(conn, |c| {
            service_orders::table
                .filter(service_orders::workshop_id.eq(workshop_id))
                .filter(service_orders::id.eq(id))
                .select(ServiceOrder::as_select())
                .first(c)
                .await
                .optional()
        })?;
        Ok(order.filter(|o| viewer.sees(o)))
    }

    /// The orders of `workshop_id` that `viewer` may see and `filter` keeps, newest first,
    /// `first` at a time after the order `after`.
    pub async fn page(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        viewer: OrderViewer,
        filter: OrderFilter,
        first: i64,
        after: Option<i64>,
    ) -> QueryResult<OrderPage> {
        // A boxed query is typed per backend: the macro builds it inside each arm of `run!`.
        macro_rules! visible {
            () => {{
                let mut query =
                    service_orders::table.filter(service_orders::workshop_id.eq(workshop_id)).into_boxed();
                match viewer {
                    OrderViewer::FrontDesk => {}
                    OrderViewer::Mechanic { membership_id } => {
                        query = query.filter(service_orders::mechanic_id.eq(membership_id));
                    }
                    OrderViewer::Customer { customer_id } => {
                        query = query.filter(service_orders::customer_id.eq(customer_id));
                    }
                }
                if let Some(status) = filter.status {
                    query = query.filter(service_orders::status.eq(status));
                }
                if let Some(customer_id) = filter.customer_id {
                    query = query.filter(service_orders::customer_id.eq(customer_id));
                }
                if let Some(vehicle_id) = filter.vehicle_id {
                    query = query.filter(service_orders::vehicle_id.eq(vehicle_id));
                }
                if let Some(since) = filter.finished_since {
                    query = query.filter(service_orders::finished_at.ge(since));
                }
                query
            }};
        }
        let total: i64 = crate::run!(conn, |c| visible!().count().get_result(c).await)?;
        let mut orders: Vec<ServiceOrder> = crate::run!(conn, |c| {
            let mut page = visible!();
            if let Some(after) = after {
                page = page.filter(service_orders::id.lt(after));
            }
            page.order(service_orders::id.desc())
                .limit(first + 1)
                .select(ServiceOrder::as_select())
                .load(c)
                .await
        })?;
        let has_next = orders.len() as i64 > first;
        orders.truncate(first as usize);
        Ok(OrderPage { orders, total, has_next })
    }

    /// Creates a quote: the next number of the workshop, the items at their catalog prices
    /// unless given, the totals.
    pub async fn create(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        actor: &Actor,
        input: OrderInput,
    ) -> Result<Committed<ServiceOrder>, DomainError> {
        if input.items.len() > ITEMS_MAX {
            return Err(DomainError::invalid(
                "items",
                Message::owned(
                    format!("Uma ordem tem no máximo {ITEMS_MAX} itens."),
                    format!("An order has at most {ITEMS_MAX} items."),
                ),
            ));
        }
        for (i, item) in input.items.iter().enumerate() {
            item.catalog_ref(&format!("items.{i}"))?;
            item.validate_numbers(&format!("items.{i}"))?;
        }
        let header = input.header.validate()?;
        let (customer_id, vehicle_id, items) = (input.customer_id, input.vehicle_id, input.items);
        let actor = actor.clone();
        Committed::run(conn, move |tx| {
            Box::pin(async move {
                let vehicle = Vehicle::find(tx, workshop_id, vehicle_id).await?;
                if vehicle.as_ref().is_none_or(|v| v.customer_id != customer_id) {
                    let customer = crate::crm::Customer::find(tx, workshop_id, customer_id).await?;
                    return Err(match customer {
                        None => DomainError::invalid(
                            "customerId",
                            Message::new("Cliente não encontrado.", "Customer not found."),
                        ),
                        Some(_) => DomainError::invalid(
                            "vehicleId",
                            Message::new(
                                "Este veículo não é deste cliente.",
                                "This vehicle is not this customer's.",
                            ),
                        ),
                    });
                }
                check_mechanic(tx, workshop_id, header.mechanic_id).await?;
                let mut lines = Vec::with_capacity(items.len());
                for (i, item) in items.iter().enumerate() {
                    lines.push(line_for(tx, workshop_id, item, &format!("items.{i}")).await?);
                }
                let totals = totals_of(
                    lines.iter().map(|l| (matches!(l.catalog, CatalogRef::Product(_)), l.total)),
                    &header,
                )?;
                // The workshop's row is the counter: concurrent creations wait for each other here,
                // and a rolled-back creation gives its number back.
                let next: i64 = crate::run!(tx, |c| {
                    diesel::update(workshops::table.find(workshop_id))
                        .set(
                            workshops::next_service_order_number.eq(workshops::next_service_order_number + 1),
                        )
                        .returning(workshops::next_service_order_number)
                        .get_result(c)
                        .await
                })?;
                let number = next - 1;
                let now = Utc::now().naive_utc();
                let order: ServiceOrder = crate::run!(tx, |c| {
                    diesel::insert_into(service_orders::table)
                        .values((
                            service_orders::workshop_id.eq(workshop_id),
                            service_orders::number.eq(number),
                            service_orders::customer_id.eq(customer_id),
                            service_orders::vehicle_id.eq(vehicle_id),
                            service_orders::status.eq(OrderStatus::Quote),
                            service_orders::created_at.eq(now),
                            HeaderRow::new(&header, &totals),
                        ))
                        .returning(ServiceOrder::as_returning())
                        .get_result(c)
                        .await
                })?;
                for line in &lines {
                    insert_line(tx, &order, line).await?;
                }
                raise_odometer(tx, workshop_id, vehicle_id, header.odometer_km).await?;
                let event =
                    NewEvent::new(ORDER_CREATED, workshop_id, order.id).by(&actor).with(&OrderCreated {
                        number,
                        customer_id,
                        vehicle_id,
                        mechanic_id: order.mechanic_id,
                        final_cents: order.final_cents,
                    });
                Ok((order, vec![event]))
            })
        })
        .await
    }

    /// Replaces an open order's mechanic, odometer, notes, discount, taxes and next revision.
    pub async fn update(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        actor: &Actor,
        id: i64,
        header: OrderHeader,
    ) -> Result<Committed<ServiceOrder>, DomainError> {
        let header = header.validate()?;
        let actor = actor.clone();
        Committed::run(conn, move |tx| {
            Box::pin(async move {
                let before = lock_open(tx, workshop_id, id).await?;
                check_mechanic(tx, workshop_id, header.mechanic_id).await?;
                let after = write_totals(tx, &before, Some(&header)).await?;
                raise_odometer(tx, workshop_id, before.vehicle_id, header.odometer_km).await?;
                let diff = changes(&OrderHeaderSnapshot::from(&before), &OrderHeaderSnapshot::from(&after));
                let event = NewEvent::new(ORDER_UPDATED, workshop_id, id).by(&actor).with(&diff);
                Ok((after, vec![event]))
            })
        })
        .await
    }

    /// Sets the number the workshop's next order gets: above every number already used.
    pub async fn set_next_number(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        actor: &Actor,
        number: i64,
    ) -> Result<Committed<i64>, DomainError> {
        if !(1..=999_999_999).contains(&number) {
            return Err(DomainError::invalid(
                "number",
                Message::new(
                    "Informe um número de 1 a 999.999.999.",
                    "Enter a number from 1 to 999,999,999.",
                ),
            ));
        }
        let actor = actor.clone();
        Committed::run(conn, move |tx| {
            Box::pin(async move {
                let current: i64 = crate::first_for_update!(
                    tx,
                    workshops::table.find(workshop_id).select(workshops::next_service_order_number)
                )?
                .ok_or(DomainError::NotFound)?;
                let highest: Option<i64> = crate::run!(tx, |c| {
                    service_orders::table
                        .filter(service_orders::workshop_id.eq(workshop_id))
                        .select(diesel::dsl::max(service_orders::number))
                        .first(c)
                        .await
                })?;
                if let Some(highest) = highest.filter(|h| number <= *h) {
                    return Err(DomainError::invalid(
                        "number",
                        Message::owned(
                            format!("A ordem nº {highest} já existe: informe um número maior."),
                            format!("Order #{highest} exists already: enter a higher number."),
                        ),
                    ));
                }
                crate::run!(tx, |c| {
                    diesel::update(workshops::table.find(workshop_id))
                        .set(workshops::next_service_order_number.eq(number))
                        .execute(c)
                        .await
                })?;
                let event = NewEvent::new(NEXT_ORDER_NUMBER_SET, workshop_id, workshop_id)
                    .by(&actor)
                    .with(&NextNumberSet { from: current, to: number });
                Ok((number, vec![event]))
            })
        })
        .await
    }
}

pub(super) fn too_large() -> DomainError {
    let (field, message) = super::totals::TotalsError::TooLarge.field_and_message();
    DomainError::invalid(field, message)
}

/// The totals of these lines with the header's discount and taxes.
fn totals_of(
    lines: impl IntoIterator<Item = (bool, Money)>,
    header: &ValidHeader,
) -> Result<Totals, DomainError> {
    Totals::compute(lines, header.discount, header.taxes).map_err(|e| {
        let (field, message) = e.field_and_message();
        DomainError::invalid(field, message)
    })
}

/// Locks the order `id` of `workshop_id` for a change; it must be open.
pub(crate) async fn lock_open(
    conn: &mut Conn<'_>,
    workshop_id: i64,
    id: i64,
) -> Result<ServiceOrder, DomainError> {
    let order: ServiceOrder = crate::first_for_update!(
        conn,
        service_orders::table
            .filter(service_orders::workshop_id.eq(workshop_id))
            .filter(service_orders::id.eq(id))
            .select(ServiceOrder::as_select())
    )?
    .ok_or(DomainError::NotFound)?;
    if !order.status.is_open() {
        return Err(not_open(&order));
    }
    Ok(order)
}

/// Recomputes the order's totals from its items (and the new header, if any) and writes them.
pub(super) async fn write_totals(
    conn: &mut Conn<'_>,
    order: &ServiceOrder,
    header: Option<&ValidHeader>,
) -> Result<ServiceOrder, DomainError> {
    let kept = ValidHeader {
        mechanic_id: order.mechanic_id,
        odometer_km: order.odometer_km,
        notes: order.notes.clone(),
        discount: Money::from_cents(order.discount_cents),
        taxes: Money::from_cents(order.taxes_cents),
        next_revision_date: order.next_revision_date,
        next_revision_km: order.next_revision_km,
    };
    let header = header.unwrap_or(&kept);
    let lines: Vec<(Option<i64>, i64)> = crate::run!(conn, |c| {
        service_order_items::table
            .filter(service_order_items::service_order_id.eq(order.id))
            .select((service_order_items::product_id, service_order_items::total_cents))
            .load(c)
            .await
    })?;
    let totals = totals_of(
        lines.into_iter().map(|(product, total)| (product.is_some(), Money::from_cents(total))),
        header,
    )?;
    let updated: ServiceOrder = crate::run!(conn, |c| {
        diesel::update(service_orders::table.find(order.id))
            .set(HeaderRow::new(header, &totals))
            .returning(ServiceOrder::as_returning())
            .get_result(c)
            .await
    })?;
    Ok(updated)
}

/// A mechanic to assign must be a MECHANIC of the workshop.
async fn check_mechanic(
    conn: &mut Conn<'_>,
    workshop_id: i64,
    mechanic_id: Option<i64>,
) -> Result<(), DomainError> {
    let Some(id) = mechanic_id else { return Ok(()) };
    if !Membership::has_role(conn, workshop_id, id, &[Role::Mechanic]).await? {
        return Err(DomainError::invalid(
            "mechanicId",
            Message::new("Mecânico não encontrado nesta oficina.", "No such mechanic in this workshop."),
        ));
    }
    Ok(())
}

/// Raises the vehicle's odometer to `km` when that is higher (a reading never goes back).
async fn raise_odometer(
    conn: &mut Conn<'_>,
    workshop_id: i64,
    vehicle_id: i64,
    km: Option<i64>,
) -> QueryResult<()> {
    let Some(km) = km else { return Ok(()) };
    crate::run!(conn, |c| {
        diesel::update(
            vehicles::table
                .filter(vehicles::workshop_id.eq(workshop_id))
                .filter(vehicles::id.eq(vehicle_id))
                .filter(vehicles::odometer_km.is_null().or(vehicles::odometer_km.lt(km))),
        )
        .set((vehicles::odometer_km.eq(km), vehicles::updated_at.eq(Utc::now().naive_utc())))
        .execute(c)
        .await
    })?;
    Ok(())
}
