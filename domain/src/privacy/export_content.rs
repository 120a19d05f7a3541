//! What a customer's data export holds: one [`Sheet`] per kind of record (profile, addresses,
//! vehicles, service orders with their items and payments, chat messages, consents and their log,
//! appointments, NPS answers), each only the customer's, of their workshop.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use serde_json::Value;

use super::consent_log::ConsentLogEntry;
use crate::crm::{ConsentChannel, Customer, CustomerDetails};
use crate::db::Conn;
use crate::error::DomainError;
use crate::schema::{
    appointments, chat_messages, conversations, installments, nps_responses, service_order_items,
    service_orders, vehicles,
};
use crate::types::Document;

/// One kind of record of the export: a file name (without extension), the column names and the
/// rows (one value per column), which the api writes as JSON and as CSV.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    pub name: &'static str,
    pub columns: &'static [&'static str],
    pub rows: Vec<Vec<Value>>,
}

/// A UTC time as RFC 3339 (`2026-12-02T13:45:00Z`).
fn time(at: NaiveDateTime) -> Value {
    Value::from(at.and_utc().to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
}

fn opt_time(at: Option<NaiveDateTime>) -> Value {
    at.map_or(Value::Null, time)
}

fn date(day: Option<NaiveDate>) -> Value {
    day.map_or(Value::Null, |d| Value::from(d.to_string()))
}

fn opt<T: Into<Value>>(value: Option<T>) -> Value {
    value.map_or(Value::Null, Into::into)
}

impl Sheet {
    /// Every sheet of the export of customer `customer_id` of `workshop_id`, or NOT_FOUND.
    pub async fn export_of(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        customer_id: i64,
    ) -> Result<Vec<Sheet>, DomainError> {
        let details = Customer::details(conn, workshop_id, &[customer_id])
            .await?
            .remove(&customer_id)
            .ok_or(DomainError::NotFound)?;
        let mut sheets = vec![profile(&details)?, addresses(&details), vehicles_of(&details)];
        sheets.extend(orders(conn, workshop_id, customer_id).await?);
        sheets.push(chat(conn, workshop_id, customer_id).await?);
        sheets.extend(consents(conn, workshop_id, &details).await?);
        sheets.push(appointments_of(conn, workshop_id, customer_id).await?);
        sheets.push(nps(conn, workshop_id, customer_id).await?);
        Ok(sheets)
    }
}

fn profile(details: &CustomerDetails) -> Result<Sheet, DomainError> {
    let c = &details.customer;
    let document = Document::parse(&c.document)
        .map_err(|why| DomainError::unparsable("customers", "document", &c.document, why))?;
    let phones: Vec<String> =
        details.phones.iter().map(|p| format!("({}) {} [{}]", p.ddd, p.number, p.kind.as_str())).collect();
    Ok(Sheet {
        name: "profile",
        columns: &["name", "kind", "document", "rg", "birthDate", "emails", "phones", "customerSince"],
        rows: vec![vec![
            c.name.clone().into(),
            c.kind.as_str().into(),
            document.to_string().into(),
            opt(c.rg.clone()),
            date(c.birth_date),
            details.emails.join(", ").into(),
            phones.join(", ").into(),
            time(c.created_at),
        ]],
    })
}

fn addresses(details: &CustomerDetails) -> Sheet {
    Sheet {
        name: "addresses",
        columns: &["kind", "street", "number", "district", "complement", "city", "state", "cep"],
        rows: details
            .addresses
            .iter()
            .map(|a| {
                vec![
                    a.kind.as_str().into(),
                    a.street.clone().into(),
                    a.number.clone().into(),
                    a.district.clone().into(),
                    opt(a.complement.clone()),
                    a.city.clone().into(),
                    a.state.clone().into(),
                    a.cep.clone().into(),
                ]
            })
            .collect(),
    }
}

fn vehicles_of(details: &CustomerDetails) -> Sheet {
    Sheet {
        name: "vehicles",
        columns: &["plate", "kind", "brand", "model", "year", "fuel", "color", "odometerKm", "registeredAt"],
        rows: details
            .vehicles
            .iter()
            .map(|v| {
                vec![
                    v.plate.clone().into(),
                    v.kind.as_str().into(),
                    v.brand.clone().into(),
                    v.model.clone().into(),
                    v.year.into(),
                    opt(v.fuel.map(|f| f.as_str())),
                    opt(v.color.clone()),
                    opt(v.odometer_km),
                    time(v.created_at),
                ]
            })
            .collect(),
    }
}

/// Service orders, their items and their payments (installments).
async fn orders(conn: &mut Conn<'_>, workshop_id: i64, customer_id: i64) -> Result<[Sheet; 3], DomainError> {
    type OrderRow =
        (i64, String, String, Option<i64>, Option<String>, i64, i64, Option<String>, NaiveDateTime);
    let orders: Vec<OrderRow> = crate::run!(conn, |c| {
        service_orders::table
            .inner_join(vehicles::table)
            .filter(service_orders::workshop_id.eq(workshop_id))
            .filter(service_orders::customer_id.eq(customer_id))
            .order(service_orders::number)
            .select((
                service_orders::number,
                service_orders::status,
                vehicles::plate,
                service_orders::odometer_km,
                service_orders::notes,
                service_orders::discount_cents,
                service_orders::final_cents,
                service_orders::payment_method,
                service_orders::created_at,
            ))
            .load(c)
            .await
    })?;
    let items: Vec<ItemRow> = crate::run!(conn, |c| {
        service_order_items::table
            .inner_join(service_orders::table)
            .filter(service_orders::workshop_id.eq(workshop_id))
            .filter(service_orders::customer_id.eq(customer_id))
            .order((service_orders::number, service_order_items::id))
            .select((
                service_orders::number,
                service_order_items::description,
                service_order_items::quantity_milli,
                service_order_items::unit_price_cents,
                service_order_items::total_cents,
                service_order_items::warranty_days,
                service_order_items::warranty_km,
            ))
            .load(c)
            .await
    })?;
    let payments: Vec<(i64, i32, NaiveDate, i64, String, Option<NaiveDateTime>)> = crate::run!(conn, |c| {
        installments::table
            .inner_join(service_orders::table)
            .filter(service_orders::workshop_id.eq(workshop_id))
            .filter(service_orders::customer_id.eq(customer_id))
            .order((service_orders::number, installments::number))
            .select((
                service_orders::number,
                installments::number,
                installments::due_date,
                installments::amount_cents,
                installments::method,
                installments::paid_at,
            ))
            .load(c)
            .await
    })?;
    Ok([
        Sheet {
            name: "service_orders",
            columns: &[
                "number",
                "status",
                "plate",
                "odometerKm",
                "notes",
                "discountCents",
                "totalCents",
                "paymentMethod",
                "openedAt",
            ],
            rows: orders
                .into_iter()
                .map(|(number, status, plate, km, notes, discount, total, method, at)| {
                    vec![
                        number.into(),
                        status.into(),
                        plate.into(),
                        opt(km),
                        opt(notes),
                        discount.into(),
                        total.into(),
                        opt(method),
                        time(at),
                    ]
                })
                .collect(),
        },
        Sheet {
            name: "service_order_items",
            columns: &[
                "orderNumber",
                "description",
                "quantity",
                "unitPriceCents",
                "totalCents",
                "warrantyDays",
                "warrantyKm",
            ],
            rows: items
                .into_iter()
                .map(|(number, description, milli, unit, total, days, km)| {
                    vec![
                        number.into(),
                        description.into(),
                        (milli as f64 / 1000.0).into(),
                        unit.into(),
                        total.into(),
                        opt(days),
                        opt(km),
                    ]
                })
                .collect(),
        },
        Sheet {
            name: "payments",
            columns: &["orderNumber", "installment", "dueDate", "amountCents", "method", "paidAt"],
            rows: payments
                .into_iter()
                .map(|(order, number, due, amount, method, paid)| {
                    vec![
                        order.into(),
                        number.into(),
                        date(Some(due)),
                        amount.into(),
                        method.into(),
                        opt_time(paid),
                    ]
                })
                .collect(),
        },
    ])
}

async fn chat(conn: &mut Conn<'_>, workshop_id: i64, customer_id: i64) -> Result<Sheet, DomainError> {
    let messages: Vec<(NaiveDateTime, String, String, String)> = crate::run!(conn, |c| {
        chat_messages::table
            .inner_join(conversations::table)
            .filter(conversations::workshop_id.eq(workshop_id))
            .filter(conversations::customer_id.eq(customer_id))
            .order(chat_messages::id)
            .select((
                chat_messages::sent_at,
                chat_messages::author_side,
                chat_messages::author_name,
                chat_messages::body,
            ))
            .load(c)
            .await
    })?;
    Ok(Sheet {
        name: "chat_messages",
        columns: &["sentAt", "side", "author", "text"],
        rows: messages
            .into_iter()
            .map(|(at, side, author, body)| vec![time(at), side.into(), author.into(), body.into()])
            .collect(),
    })
}

/// The current answer per channel, and the whole log.
async fn consents(
    conn: &mut Conn<'_>,
    workshop_id: i64,
    details: &CustomerDetails,
) -> Result<[Sheet; 2], DomainError> {
    let c = &details.customer;
    let log = ConsentLogEntry::page(conn, workshop_id, c.id, i64::from(i32::MAX), None).await?;
    let current = ConsentChannel::ALL
        .iter()
        .map(|&channel| {
            let changed = log.entries.iter().find(|e| e.change.channel == channel).map(|e| e.change.at);
            vec![channel.as_str().into(), c.consents_to(channel).into(), opt_time(changed)]
        })
        .collect();
    let changes = log
        .entries
        .iter()
        .rev()
        .map(|e| {
            vec![
                time(e.change.at),
                e.change.channel.as_str().into(),
                e.change.granted.into(),
                e.change.source.as_str().into(),
                opt(e.actor_name.clone()),
            ]
        })
        .collect();
    Ok([
        Sheet { name: "consents", columns: &["channel", "granted", "changedAt"], rows: current },
        Sheet { name: "consent_log", columns: &["at", "channel", "granted", "source", "by"], rows: changes },
    ])
}

async fn appointments_of(
    conn: &mut Conn<'_>,
    workshop_id: i64,
    customer_id: i64,
) -> Result<Sheet, DomainError> {
    let rows: Vec<(NaiveDateTime, NaiveDateTime, String, String, Option<String>)> = crate::run!(conn, |c| {
        appointments::table
            .inner_join(vehicles::table)
            .filter(appointments::workshop_id.eq(workshop_id))
            .filter(appointments::customer_id.eq(customer_id))
            .order(appointments::starts_at)
            .select((
                appointments::starts_at,
                appointments::ends_at,
                appointments::status,
                vehicles::plate,
                appointments::notes,
            ))
            .load(c)
            .await
    })?;
    Ok(Sheet {
        name: "appointments",
        columns: &["startsAt", "endsAt", "status", "plate", "notes"],
        rows: rows
            .into_iter()
            .map(|(starts, ends, status, plate, notes)| {
                vec![time(starts), time(ends), status.into(), plate.into(), opt(notes)]
            })
            .collect(),
    })
}

async fn nps(conn: &mut Conn<'_>, workshop_id: i64, customer_id: i64) -> Result<Sheet, DomainError> {
    let rows: Vec<(i64, i32, Option<String>, NaiveDateTime)> = crate::run!(conn, |c| {
        nps_responses::table
            .inner_join(service_orders::table)
            .filter(nps_responses::workshop_id.eq(workshop_id))
            .filter(nps_responses::customer_id.eq(customer_id))
            .order(nps_responses::id)
            .select((
                service_orders::number,
                nps_responses::score,
                nps_responses::comment,
                nps_responses::answered_at,
            ))
            .load(c)
            .await
    })?;
    Ok(Sheet {
        name: "nps_answers",
        columns: &["orderNumber", "score", "comment", "answeredAt"],
        rows: rows
            .into_iter()
            .map(|(number, score, comment, at)| vec![number.into(), score.into(), opt(comment), time(at)])
            .collect(),
    })
}

/// An item of an order, as exported: order number, description, quantity (milli), unit price,
/// total, warranty days and km.
type ItemRow = (i64, String, i64, i64, i64, Option<i32>, Option<i32>);
