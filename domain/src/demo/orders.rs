//! The demo workshop's service orders: a few quotes, orders in progress on the demo mechanic's
//! bench, orders finished over the last months with their installments (the older ones paid), and
//! one cancelled quote. They go through the service context's own commands (create, start, finish,
//! pay, cancel), so stock movements, installments and events exist exactly as for orders staff
//! make; only their times are then moved to the days they happened on, so the history reads right.

use std::collections::HashMap;

use chrono::{Duration, NaiveDate, NaiveDateTime, Utc};
use diesel::prelude::*;
use diesel_async::RunQueryDsl;

use crate::DomainError;
use crate::audit::{Actor, Committed};
use crate::db::Conn;
use crate::schema::{events, installments, service_orders};
use crate::service::{
    Installment, ItemInput, OrderHeader, OrderInput, OrderViewer, PaymentMethod, PaymentPlanInput,
    ServiceOrder,
};

/// The catalog ids by reference (parts and labour share one namespace of references).
pub(super) type CatalogIds = HashMap<&'static str, i64>;

/// A customer and the vehicle an order is for, with its odometer (km).
#[derive(Debug, Clone, Copy)]
pub(super) struct DemoCar {
    pub customer_id: i64,
    pub vehicle_id: i64,
    pub odometer_km: i64,
}

/// The demo mechanic: their membership (orders are assigned to it) and who they act as.
pub(super) struct DemoMechanic {
    pub membership_id: i64,
    pub actor: Actor,
}

/// Where a demo order ends up.
#[derive(Debug, Clone, Copy)]
enum Fate {
    /// A quote made `days` ago.
    Quote { days: i64 },
    /// Started `days` ago, still on the bench.
    InProgress { days: i64 },
    /// Finished `days` ago, paid in `installments` with `method`; `paid` of them are paid.
    Finished { days: i64, method: PaymentMethod, installments: i32, paid: usize },
    /// A quote the customer turned down `days` ago.
    Cancelled { days: i64 },
}

/// One demo order: for which car (an index into the demo cars; 0 is the demo customer's),
/// whether the mechanic has it, its lines (reference, quantity), discount and taxes in centavos.
struct DemoOrder {
    car: usize,
    assigned: bool,
    lines: &'static [(&'static str, f64)],
    discount_cents: i64,
    taxes_cents: i64,
    notes: Option<&'static str>,
    fate: Fate,
}

const OIL_CHANGE: &[(&str, f64)] = &[("MO-TROCA-OLEO", 1.0), ("OLEO-5W30", 4.0), ("FLT-OLEO-01", 1.0)];
const OIL_CHANGE_MINERAL: &[(&str, f64)] =
    &[("MO-TROCA-OLEO", 1.0), ("OLEO-15W40", 3.5), ("FLT-OLEO-01", 1.0)];
const BRAKES: &[(&str, f64)] =
    &[("MO-FREIO-DIANT", 1.0), ("PAST-DIANT", 1.0), ("FLUIDO-DOT4", 0.5), ("MO-ALINH-BAL", 1.0)];
const FULL_SERVICE: &[(&str, f64)] = &[
    ("MO-REVISAO", 1.0),
    ("OLEO-5W30", 4.0),
    ("FLT-OLEO-01", 1.0),
    ("FLT-AR-01", 1.0),
    ("FLT-CAB-01", 1.0),
    ("VELA-IGN", 4.0),
];
const TIMING_BELT: &[(&str, f64)] = &[("MO-CORREIA", 1.0), ("CORREIA-DENT", 1.0), ("ADITIVO-RAD", 1.0)];
const SUSPENSION: &[(&str, f64)] = &[("MO-SUSPENSAO", 1.0), ("AMORT-DIANT", 2.0), ("MO-ALINH-BAL", 1.0)];
const DIAGNOSIS: &[(&str, f64)] = &[("MO-DIAG", 1.0), ("BATERIA-60", 1.0)];
const AIR_CONDITIONING: &[(&str, f64)] = &[("MO-AR-COND", 1.0), ("FLT-CAB-01", 1.0)];
const ALIGNMENT: &[(&str, f64)] = &[("MO-ALINH-BAL", 1.0), ("LAMP-H4", 2.0)];

const ORDERS: [DemoOrder; 14] = [
    // The demo customer (car 0): two visits in the past months, and the car on the bench now.
    DemoOrder {
        car: 0,
        assigned: true,
        lines: OIL_CHANGE,
        discount_cents: 0,
        taxes_cents: 0,
        notes: None,
        fate: Fate::Finished { days: 125, method: PaymentMethod::Pix, installments: 1, paid: 1 },
    },
    DemoOrder {
        car: 0,
        assigned: true,
        lines: BRAKES,
        discount_cents: 2000,
        taxes_cents: 0,
        notes: Some("Cliente relatou barulho ao frear."),
        fate: Fate::Finished { days: 33, method: PaymentMethod::CreditCard, installments: 3, paid: 2 },
    },
    DemoOrder {
        car: 0,
        assigned: true,
        lines: FULL_SERVICE,
        discount_cents: 0,
        taxes_cents: 0,
        notes: Some("Revisão preventiva; verificar também o ar-condicionado."),
        fate: Fate::InProgress { days: 0 },
    },
    // Other customers' finished orders, older first.
    DemoOrder {
        car: 1,
        assigned: true,
        lines: TIMING_BELT,
        discount_cents: 5000,
        taxes_cents: 0,
        notes: None,
        fate: Fate::Finished { days: 160, method: PaymentMethod::CreditCard, installments: 4, paid: 4 },
    },
    DemoOrder {
        car: 2,
        assigned: false,
        lines: OIL_CHANGE_MINERAL,
        discount_cents: 0,
        taxes_cents: 0,
        notes: None,
        fate: Fate::Finished { days: 98, method: PaymentMethod::Cash, installments: 1, paid: 1 },
    },
    DemoOrder {
        car: 3,
        assigned: true,
        lines: SUSPENSION,
        discount_cents: 0,
        taxes_cents: 4500,
        notes: Some("Nota fiscal de serviço emitida."),
        fate: Fate::Finished { days: 62, method: PaymentMethod::Boleto, installments: 3, paid: 2 },
    },
    DemoOrder {
        car: 4,
        assigned: true,
        lines: DIAGNOSIS,
        discount_cents: 0,
        taxes_cents: 0,
        notes: Some("Carro não dava partida pela manhã."),
        fate: Fate::Finished { days: 19, method: PaymentMethod::DebitCard, installments: 1, paid: 1 },
    },
    DemoOrder {
        car: 5,
        assigned: false,
        lines: AIR_CONDITIONING,
        discount_cents: 0,
        taxes_cents: 0,
        notes: None,
        fate: Fate::Finished { days: 8, method: PaymentMethod::CreditCard, installments: 2, paid: 0 },
    },
    DemoOrder {
        car: 6,
        assigned: true,
        lines: OIL_CHANGE,
        discount_cents: 1000,
        taxes_cents: 0,
        notes: None,
        fate: Fate::Finished { days: 2, method: PaymentMethod::Pix, installments: 1, paid: 1 },
    },
    // On the bench now.
    DemoOrder {
        car: 7,
        assigned: true,
        lines: BRAKES,
        discount_cents: 0,
        taxes_cents: 0,
        notes: Some("Aguardando o disco de freio do fornecedor."),
        fate: Fate::InProgress { days: 1 },
    },
    DemoOrder {
        car: 8,
        assigned: false,
        lines: ALIGNMENT,
        discount_cents: 0,
        taxes_cents: 0,
        notes: None,
        fate: Fate::InProgress { days: 0 },
    },
    // Quotes waiting for the customer's yes.
    DemoOrder {
        car: 9,
        assigned: true,
        lines: TIMING_BELT,
        discount_cents: 3000,
        taxes_cents: 0,
        notes: Some("Correia com 58.000 km: troca recomendada."),
        fate: Fate::Quote { days: 3 },
    },
    DemoOrder {
        car: 10,
        assigned: false,
        lines: SUSPENSION,
        discount_cents: 0,
        taxes_cents: 0,
        notes: None,
        fate: Fate::Quote { days: 1 },
    },
    DemoOrder {
        car: 11,
        assigned: false,
        lines: FULL_SERVICE,
        discount_cents: 0,
        taxes_cents: 0,
        notes: None,
        fate: Fate::Cancelled { days: 12 },
    },
];

/// What a cancelled demo quote says.
const CANCEL_REASON: &str = "Cliente achou o orçamento caro e preferiu esperar.";

/// When the car should come back after the labour of `lines` (days), like the catalog suggests.
fn revision_days(lines: &[(&str, f64)]) -> Option<i64> {
    lines
        .iter()
        .filter_map(|(reference, _)| match *reference {
            "MO-TROCA-OLEO" => Some(180),
            "MO-REVISAO" => Some(365),
            "MO-CORREIA" => Some(1460),
            _ => None,
        })
        .min()
}

/// Creates the demo orders in `workshop_id`: `front_desk` makes, cancels, finishes the orders no
/// mechanic has and takes the payments; the mechanic starts and finishes theirs.
pub(super) async fn seed(
    conn: &mut Conn<'_>,
    workshop_id: i64,
    front_desk: &Actor,
    mechanic: &DemoMechanic,
    catalog: &CatalogIds,
    cars: &[DemoCar],
) -> Result<(), DomainError> {
    let now = Utc::now().naive_utc();
    for demo in &ORDERS {
        let car = *cars
            .get(demo.car)
            .ok_or_else(|| DomainError::Internal(format!("the demo has no car {}", demo.car)))?;
        let days = match demo.fate {
            Fate::Quote { days }
            | Fate::InProgress { days }
            | Fate::Finished { days, .. }
            | Fate::Cancelled { days } => days,
        };
        // The car came in on the morning of that day; work started an hour later, ended in the
        // afternoon.
        let day = (now - Duration::days(days)).date();
        let came_in = day.and_hms_opt(8, 30, 0).unwrap_or(now).min(now - Duration::minutes(90));
        let started = came_in + Duration::hours(1);
        let finished = came_in + Duration::hours(7);
        let mut items = Vec::with_capacity(demo.lines.len());
        for (reference, quantity) in demo.lines {
            let id = *catalog
                .get(reference)
                .ok_or_else(|| DomainError::Internal(format!("the demo catalog has no {reference}")))?;
            let labour = reference.starts_with("MO-");
            items.push(ItemInput {
                product_id: (!labour).then_some(id),
                service_id: labour.then_some(id),
                quantity: *quantity,
                unit_price_cents: None,
                warranty_days: None,
                warranty_km: None,
            });
        }
        let finished_order = matches!(demo.fate, Fate::Finished { .. });
        let header = OrderHeader {
            mechanic_id: demo.assigned.then_some(mechanic.membership_id),
            odometer_km: Some(car.odometer_km),
            notes: demo.notes.map(Into::into),
            discount_cents: demo.discount_cents,
            taxes_cents: demo.taxes_cents,
            // Finished in the past: the revision counts from that day, not from today.
            next_revision_date: revision_days(demo.lines)
                .filter(|_| finished_order)
                .map(|days| day + Duration::days(days)),
            next_revision_km: None,
        };
        let input = OrderInput { customer_id: car.customer_id, vehicle_id: car.vehicle_id, header, items };
        let created = ServiceOrder::create(conn, workshop_id, front_desk, input).await?;
        let id = created.value.id;
        backdate_events(conn, &created, came_in).await?;
        let (worker, viewer) = if demo.assigned {
            (&mechanic.actor, OrderViewer::Mechanic { membership_id: mechanic.membership_id })
        } else {
            (front_desk, OrderViewer::FrontDesk)
        };
        let mut times = OrderTimes { created: came_in, started: None, finished: None, cancelled: None };
        match demo.fate {
            Fate::Quote { .. } => {}
            Fate::Cancelled { .. } => {
                let cancelled =
                    ServiceOrder::cancel(conn, workshop_id, front_desk, id, CANCEL_REASON).await?;
                backdate_events(conn, &cancelled, finished).await?;
                times.cancelled = Some(finished);
            }
            Fate::InProgress { .. } => {
                let started_order = ServiceOrder::start(conn, workshop_id, worker, viewer, id).await?;
                backdate_events(conn, &started_order, started).await?;
                times.started = Some(started);
            }
            Fate::Finished { method, installments: count, paid, .. } => {
                let started_order = ServiceOrder::start(conn, workshop_id, worker, viewer, id).await?;
                backdate_events(conn, &started_order, started).await?;
                let payment = PaymentPlanInput { method, installments: count, first_due_date: day };
                let done = ServiceOrder::finish(conn, workshop_id, worker, viewer, id, payment).await?;
                backdate_events(conn, &done, finished).await?;
                times.started = Some(started);
                times.finished = Some(finished);
                let (_, plan) = &done.value;
                for installment in plan.iter().take(paid) {
                    pay_on_due_date(conn, workshop_id, front_desk, installment, (finished, now)).await?;
                }
            }
        }
        times.write(conn, id).await?;
    }
    Ok(())
}

/// When a demo order was made, started, finished or cancelled.
struct OrderTimes {
    created: NaiveDateTime,
    started: Option<NaiveDateTime>,
    finished: Option<NaiveDateTime>,
    cancelled: Option<NaiveDateTime>,
}

impl OrderTimes {
    /// Writes the times on the order.
    async fn write(&self, conn: &mut Conn<'_>, id: i64) -> Result<(), DomainError> {
        let updated = self.finished.or(self.cancelled).or(self.started).unwrap_or(self.created);
        crate::run!(conn, |c| {
            diesel::update(service_orders::table.find(id))
                .set((
                    service_orders::created_at.eq(self.created),
                    service_orders::updated_at.eq(updated),
                    service_orders::started_at.eq(self.started),
                    service_orders::finished_at.eq(self.finished),
                    service_orders::cancelled_at.eq(self.cancelled),
                ))
                .execute(c)
                .await
        })?;
        Ok(())
    }
}

/// Marks `installment` paid (through the command, so the event exists) on its due date, within
/// `(earliest, latest)`: not before the order finished, not after now.
async fn pay_on_due_date(
    conn: &mut Conn<'_>,
    workshop_id: i64,
    actor: &Actor,
    installment: &Installment,
    (earliest, latest): (NaiveDateTime, NaiveDateTime),
) -> Result<(), DomainError> {
    let paid = Installment::pay(conn, workshop_id, actor, installment.id).await?;
    let at = paid_at(installment.due_date, earliest, latest);
    backdate_events(conn, &paid, at).await?;
    crate::run!(conn, |c| {
        diesel::update(installments::table.find(installment.id))
            .set(installments::paid_at.eq(at))
            .execute(c)
            .await
    })?;
    Ok(())
}

/// Mid-morning of the due date, kept within `earliest..=latest`.
fn paid_at(due: NaiveDate, earliest: NaiveDateTime, latest: NaiveDateTime) -> NaiveDateTime {
    due.and_hms_opt(10, 15, 0).map_or(latest, |at| at.max(earliest).min(latest))
}

/// Moves the events a command recorded to `at`, when what they record happened.
async fn backdate_events<T>(
    conn: &mut Conn<'_>,
    committed: &Committed<T>,
    at: NaiveDateTime,
) -> Result<(), DomainError> {
    let ids: Vec<i64> = committed.events.iter().map(|event| event.id).collect();
    crate::run!(conn, |c| {
        diesel::update(events::table.filter(events::id.eq_any(ids.clone())))
            .set(events::created_at.eq(at))
            .execute(c)
            .await
    })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{Fate, ORDERS};

    #[test]
    fn the_demo_has_orders_in_every_status_and_paid_and_open_installments() {
        let count = |keep: fn(&Fate) -> bool| ORDERS.iter().filter(|order| keep(&order.fate)).count();
        assert!(count(|fate| matches!(fate, Fate::Quote { .. })) >= 2);
        assert!(count(|fate| matches!(fate, Fate::InProgress { .. })) >= 2);
        assert!(count(|fate| matches!(fate, Fate::Finished { .. })) >= 5);
        assert_eq!(count(|fate| matches!(fate, Fate::Cancelled { .. })), 1);
        let open_installments = ORDERS
            .iter()
            .filter(|order| matches!(order.fate, Fate::Finished { installments, paid, .. } if (paid as i32) < installments))
            .count();
        assert!(open_installments >= 2, "some installments are still to be paid");
        assert!(
            ORDERS.iter().any(|order| order.car == 0 && matches!(order.fate, Fate::InProgress { .. })),
            "the demo customer has a car on the bench"
        );
    }
}
