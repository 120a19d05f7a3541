//! A service order's life: start, cancel, finish (stock out, installments, next revision) and the
//! payment of its installments. Each transition is one conditional UPDATE on the status.

use chrono::{Duration, Utc};
use diesel::prelude::*;
use diesel::sql_types::Bool;
use diesel_async::RunQueryDsl;

use super::events::{INSTALLMENT_PAID, InstallmentPaid, ORDER_STATUS_CHANGED, StatusChanged};
use super::models::{Installment, OrderStatus, PaymentMethod, ServiceOrder};
use super::order::OrderViewer;
use super::order_input::{PaymentPlanInput, cancel_reason};
use super::totals::installment_plan;
use crate::audit::{Actor, Committed, NewEvent};
use crate::db::Conn;
use crate::error::DomainError;
use crate::message::Message;
use crate::schema::{
    installments, products, service_order_items, service_orders, services, stock_movements, vehicles,
    workshops,
};
use crate::types::Quantity;

diesel::define_sql_function! {
    /// The first of its arguments that is not null.
    fn coalesce<T: diesel::sql_types::SingleValue>(x: diesel::sql_types::Nullable<T>, y: diesel::sql_types::Nullable<T>) -> diesel::sql_types::Nullable<T>;
}

/// What a transition writes besides the status.
enum Transition {
    Start,
    Cancel { reason: String },
    Finish { method: PaymentMethod },
}

impl Transition {
    fn from(&self) -> &'static [OrderStatus] {
        match self {
            Transition::Start => &[OrderStatus::Quote],
            Transition::Cancel { .. } => &[OrderStatus::Quote, OrderStatus::InProgress],
            Transition::Finish { .. } => &[OrderStatus::InProgress],
        }
    }

    fn to(&self) -> OrderStatus {
        match self {
            Transition::Start => OrderStatus::InProgress,
            Transition::Cancel { .. } => OrderStatus::Cancelled,
            Transition::Finish { .. } => OrderStatus::Finished,
        }
    }

    /// The error for an order whose status does not allow this transition.
    fn refused(&self, current: OrderStatus) -> DomainError {
        let (pt, en) = match self {
            Transition::Start => ("só um orçamento pode ser iniciado", "only a quote can be started"),
            Transition::Cancel { .. } => (
                "só orçamentos e ordens em andamento podem ser cancelados",
                "only quotes and orders in progress can be cancelled",
            ),
            Transition::Finish { .. } => {
                ("só uma ordem em andamento pode ser finalizada", "only an order in progress can be finished")
            }
        };
        DomainError::invalid(
            "id",
            Message::owned(
                format!("A ordem está {}: {pt}.", current.label_pt()),
                format!("The order is {}: {en}.", current.label_en()),
            ),
        )
    }
}

impl ServiceOrder {
    /// QUOTE → IN_PROGRESS.
    pub async fn start(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        actor: &Actor,
        viewer: OrderViewer,
        id: i64,
    ) -> Result<Committed<ServiceOrder>, DomainError> {
        let actor = actor.clone();
        Committed::run(conn, move |tx| {
            Box::pin(async move {
                let (before, after) = transition(tx, workshop_id, viewer, id, &Transition::Start).await?;
                Ok((after.clone(), vec![status_event(&actor, &before, &after, None, None)]))
            })
        })
        .await
    }

    /// QUOTE or IN_PROGRESS → CANCELLED, with the reason (3 to 500 characters).
    pub async fn cancel(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        actor: &Actor,
        id: i64,
        reason: &str,
    ) -> Result<Committed<ServiceOrder>, DomainError> {
        let reason = cancel_reason(reason)?;
        let actor = actor.clone();
        Committed::run(conn, move |tx| {
            Box::pin(async move {
                let change = Transition::Cancel { reason: reason.clone() };
                let (before, after) =
                    transition(tx, workshop_id, OrderViewer::FrontDesk, id, &change).await?;
                let mut events = vec![status_event(&actor, &before, &after, Some(reason), None)];
                events.extend(crate::loyalty::on_cancel(tx, &actor, &after).await?);
                Ok((after.clone(), events))
            })
        })
        .await
    }

    /// IN_PROGRESS → FINISHED: takes the parts out of stock (refused below zero unless the
    /// workshop allows it), creates the installments, and sets the next revision on the order and
    /// its vehicle (suggested from the services when not set by hand), and sends the customer the
    /// NPS survey.
    pub async fn finish(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        actor: &Actor,
        viewer: OrderViewer,
        id: i64,
        payment: PaymentPlanInput,
    ) -> Result<Committed<(ServiceOrder, Vec<Installment>)>, DomainError> {
        let count = payment.validate()?;
        let actor = actor.clone();
        Committed::run(conn, move |tx| {
            Box::pin(async move {
                let change = Transition::Finish { method: payment.method };
                let (before, order) = transition(tx, workshop_id, viewer, id, &change).await?;
                take_parts_out_of_stock(tx, &order, &actor).await?;
                let plan = installment_plan(order.final_money(), count, payment.first_due_date).ok_or_else(
                    || {
                        DomainError::invalid(
                            "payment.firstDueDate",
                            Message::new("Data de vencimento fora do calendário.", "Due date out of range."),
                        )
                    },
                )?;
                let mut created = Vec::with_capacity(plan.len());
                for planned in &plan {
                    let installment: Installment = crate::run!(tx, |c| {
                        diesel::insert_into(installments::table)
                            .values((
                                installments::workshop_id.eq(workshop_id),
                                installments::service_order_id.eq(id),
                                installments::number.eq(planned.number),
                                installments::due_date.eq(planned.due_date),
                                installments::amount_cents.eq(planned.amount.cents()),
                                installments::method.eq(payment.method),
                            ))
                            .returning(Installment::as_returning())
                            .get_result(c)
                            .await
                    })?;
                    created.push(installment);
                }
                let order = set_next_revision(tx, order).await?;
                crate::nps::send_survey(tx, &order).await?;
                crate::loyalty::on_finish(tx, &order).await?;
                let event = status_event(&actor, &before, &order, None, Some(created.len()));
                Ok(((order, created), vec![event]))
            })
        })
        .await
    }
}

impl ServiceOrder {
    /// The final total as money.
    pub fn final_money(&self) -> crate::types::Money {
        crate::types::Money::from_cents(self.final_cents)
    }
}

impl Installment {
    /// Marks an installment paid; paying it twice is a CONFLICT.
    pub async fn pay(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        actor: &Actor,
        id: i64,
    ) -> Result<Committed<Installment>, DomainError> {
        let actor = actor.clone();
        Committed::run(conn, move |tx| {
            Box::pin(async move {
                let now = Utc::now().naive_utc();
                let paid: Option<Installment> = crate::run!(tx, |c| {
                    diesel::update(
                        installments::table
                            .filter(installments::workshop_id.eq(workshop_id))
                            .filter(installments::id.eq(id))
                            .filter(installments::paid_at.is_null()),
                    )
                    .set((installments::paid_at.eq(now), installments::paid_by_user_id.eq(actor.user_id)))
                    .returning(Installment::as_returning())
                    .get_result(c)
                    .await
                    .optional()
                })?;
                let Some(paid) = paid else {
                    let exists: i64 = crate::run!(tx, |c| {
                        installments::table
                            .filter(installments::workshop_id.eq(workshop_id))
                            .filter(installments::id.eq(id))
                            .count()
                            .get_result(c)
                            .await
                    })?;
                    return Err(if exists == 0 {
                        DomainError::NotFound
                    } else {
                        DomainError::conflict(
                            "id",
                            Message::new("Esta parcela já foi paga.", "This installment was paid already."),
                        )
                    });
                };
                let event = NewEvent::new(INSTALLMENT_PAID, workshop_id, paid.service_order_id)
                    .by(&actor)
                    .with(&InstallmentPaid {
                        installment_id: paid.id,
                        number: paid.number,
                        amount_cents: paid.amount_cents,
                    });
                Ok((paid, vec![event]))
            })
        })
        .await
    }
}

fn status_event(
    actor: &Actor,
    before: &ServiceOrder,
    after: &ServiceOrder,
    reason: Option<String>,
    installments: Option<usize>,
) -> NewEvent {
    NewEvent::new(ORDER_STATUS_CHANGED, after.workshop_id, after.id).by(actor).with(&StatusChanged {
        from: before.status,
        to: after.status,
        reason,
        method: after.payment_method.filter(|_| installments.is_some()),
        installments,
        final_cents: after.final_cents,
    })
}

/// Moves order `id` to the transition's status with one conditional UPDATE (`… AND status IN
/// (expected)`, and for a mechanic `AND mechanic_id = them`): of two concurrent transitions only
/// one changes the row. Returns the order before and after.
async fn transition(
    conn: &mut Conn<'_>,
    workshop_id: i64,
    viewer: OrderViewer,
    id: i64,
    change: &Transition,
) -> Result<(ServiceOrder, ServiceOrder), DomainError> {
    let now = Utc::now().naive_utc();
    // A mechanic moves only the orders assigned to them.
    let mechanic = match viewer {
        OrderViewer::Mechanic { membership_id } => Some(membership_id),
        _ => None,
    };
    let anyone = mechanic.is_none();
    let expected = change.from();
    // What the transition sets beside the status; `coalesce` keeps what an earlier one set.
    let (started_at, reason, cancelled_at, method, finished_at) = match change {
        Transition::Start => (Some(now), None, None, None, None),
        Transition::Cancel { reason } => (None, Some(reason.as_str()), Some(now), None, None),
        Transition::Finish { method } => (None, None, None, Some(*method), Some(now)),
    };
    let updated: Option<ServiceOrder> = crate::run!(conn, |c| {
        diesel::update(service_orders::table)
            .filter(service_orders::workshop_id.eq(workshop_id))
            .filter(service_orders::id.eq(id))
            .filter(service_orders::mechanic_id.eq(mechanic).or(anyone.into_sql::<Bool>()))
            .filter(service_orders::status.eq_any(expected))
            .set((
                service_orders::status.eq(change.to()),
                service_orders::started_at.eq(coalesce(service_orders::started_at, started_at)),
                service_orders::cancel_reason.eq(coalesce(service_orders::cancel_reason, reason)),
                service_orders::cancelled_at.eq(coalesce(service_orders::cancelled_at, cancelled_at)),
                service_orders::payment_method.eq(coalesce(service_orders::payment_method, method)),
                service_orders::finished_at.eq(coalesce(service_orders::finished_at, finished_at)),
                service_orders::updated_at.eq(now),
            ))
            .returning(ServiceOrder::as_returning())
            .get_result(c)
            .await
            .optional()
    })?;
    match updated {
        Some(after) => {
            let before = ServiceOrder { status: previous_status(&after, expected), ..after.clone() };
            Ok((before, after))
        }
        None => {
            let current =
                ServiceOrder::find(conn, workshop_id, viewer, id).await?.ok_or(DomainError::NotFound)?;
            Err(change.refused(current.status))
        }
    }
}

/// The status an order had before a transition that accepted `expected`: the one expected status,
/// or for a cancel, IN_PROGRESS if it had started.
fn previous_status(after: &ServiceOrder, expected: &[OrderStatus]) -> OrderStatus {
    match expected {
        [only] => *only,
        _ if after.started_at.is_some() => OrderStatus::InProgress,
        _ => OrderStatus::Quote,
    }
}

/// One stock movement per part item of `order`, by product; below zero only if the workshop
/// allows it.
async fn take_parts_out_of_stock(
    conn: &mut Conn<'_>,
    order: &ServiceOrder,
    actor: &Actor,
) -> Result<(), DomainError> {
    let workshop_id = order.workshop_id;
    let allow_negative: bool = crate::run!(conn, |c| {
        workshops::table.find(workshop_id).select(workshops::allow_negative_stock).first(c).await
    })?;
    let parts: Vec<(i64, i64)> = crate::run!(conn, |c| {
        service_order_items::table
            .filter(service_order_items::service_order_id.eq(order.id))
            .filter(service_order_items::product_id.is_not_null())
            // Products in one order (by id) for every finish: two orders sharing parts never
            // lock their stock rows in opposite orders (a deadlock on Postgres).
            .order((service_order_items::product_id, service_order_items::id))
            .select((service_order_items::product_id.assume_not_null(), service_order_items::quantity_milli))
            .load(c)
            .await
    })?;
    let now = Utc::now().naive_utc();
    for (product_id, quantity) in parts {
        let taken = crate::run!(conn, |c| {
            diesel::update(products::table)
                .filter(products::workshop_id.eq(workshop_id))
                .filter(products::id.eq(product_id))
                .filter(products::stock_milli.ge(quantity).or(allow_negative.into_sql::<Bool>()))
                .set(products::stock_milli.eq(products::stock_milli - quantity))
                .execute(c)
                .await
        })?;
        if taken == 0 {
            let (name, reference, stock): (String, String, i64) = crate::run!(conn, |c| {
                products::table
                    .find(product_id)
                    .select((products::name, products::reference, products::stock_milli))
                    .first(c)
                    .await
            })?;
            let (have, need) =
                (Quantity::from_milli(stock).as_f64(), Quantity::from_milli(quantity).as_f64());
            return Err(DomainError::invalid(
                "id",
                Message::owned(
                    format!("Estoque insuficiente de {name} ({reference}): há {have}, a ordem usa {need}."),
                    format!(
                        "Not enough stock of {name} ({reference}): {have} in stock, the order uses {need}."
                    ),
                ),
            ));
        }
        crate::run!(conn, |c| {
            diesel::insert_into(stock_movements::table)
                .values((
                    stock_movements::workshop_id.eq(workshop_id),
                    stock_movements::product_id.eq(product_id),
                    stock_movements::service_order_id.eq(order.id),
                    stock_movements::quantity_milli.eq(-quantity),
                    stock_movements::actor_user_id.eq(actor.user_id),
                    stock_movements::created_at.eq(now),
                ))
                .execute(c)
                .await
        })?;
    }
    Ok(())
}

/// The next revision of a finished order: as set by hand, else the soonest that its services
/// suggest (days after today, km after the order's odometer). Kept on the vehicle too.
async fn set_next_revision(conn: &mut Conn<'_>, order: ServiceOrder) -> Result<ServiceOrder, DomainError> {
    let suggested: Vec<(Option<i32>, Option<i32>)> = crate::run!(conn, |c| {
        service_order_items::table
            .inner_join(services::table)
            .filter(service_order_items::service_order_id.eq(order.id))
            .select((services::revision_days, services::revision_km))
            .load(c)
            .await
    })?;
    let today = Utc::now().date_naive();
    let date = order.next_revision_date.or_else(|| {
        suggested.iter().filter_map(|(days, _)| *days).min().map(|days| today + Duration::days(days.into()))
    });
    let km = order.next_revision_km.or_else(|| {
        let interval = suggested.iter().filter_map(|(_, km)| *km).min()?;
        Some(order.odometer_km.unwrap_or(0) + i64::from(interval))
    });
    if date.is_none() && km.is_none() {
        return Ok(order);
    }
    crate::run!(conn, |c| {
        diesel::update(
            vehicles::table
                .filter(vehicles::workshop_id.eq(order.workshop_id))
                .filter(vehicles::id.eq(order.vehicle_id)),
        )
        .set((vehicles::next_revision_date.eq(date), vehicles::next_revision_km.eq(km)))
        .execute(c)
        .await
    })?;
    let updated: ServiceOrder = crate::run!(conn, |c| {
        diesel::update(service_orders::table.find(order.id))
            .set((service_orders::next_revision_date.eq(date), service_orders::next_revision_km.eq(km)))
            .returning(ServiceOrder::as_returning())
            .get_result(c)
            .await
    })?;
    Ok(updated)
}
