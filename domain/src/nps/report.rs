//! What the NPS tells: the ADMIN's report over a period of local dates (totals, by month, by
//! mechanic, the latest detractors) and a customer's surveys still to answer.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, Months, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
use diesel::dsl::{exists, not};
use diesel::prelude::*;
use diesel_async::RunQueryDsl;

use super::models::NpsResponse;
use super::score::Tally;
use super::survey::SURVEY_LIFETIME;
use crate::db::Conn;
use crate::error::DomainError;
use crate::message::Message;
use crate::schema::{calendar_settings, nps_responses, service_orders};
use crate::service::{OrderStatus, ServiceOrder};

/// The longest period a report covers, in days (two years).
pub const REPORT_MAX_DAYS: i64 = 731;
/// How many of the latest detractors a report lists.
pub const RECENT_DETRACTORS: i64 = 10;

/// The answers of one local calendar month.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthScore {
    /// The first day of the month.
    pub month: NaiveDate,
    pub tally: Tally,
}

/// The answers about the orders of one mechanic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MechanicScore {
    /// The MECHANIC membership.
    pub mechanic_id: i64,
    pub tally: Tally,
}

/// The NPS of a workshop over a period.
#[derive(Debug, Clone)]
pub struct NpsReport {
    pub tally: Tally,
    /// Every month the period touches, oldest first, empty ones included.
    pub by_month: Vec<MonthScore>,
    /// The mechanics with answers, most answers first (orders without a mechanic are left out).
    pub by_mechanic: Vec<MechanicScore>,
    /// The latest [`RECENT_DETRACTORS`] detractors' answers, newest first, with their orders.
    pub recent_detractors: Vec<(NpsResponse, ServiceOrder)>,
}

/// The first day of the month of `date`.
fn month_of(date: NaiveDate) -> NaiveDate {
    date.with_day(1).unwrap_or(date)
}

/// Local midnight of `date` in `zone` as UTC (the first instant after a gap of a DST change).
fn local_midnight(zone: Tz, date: NaiveDate) -> NaiveDateTime {
    let start = date.and_time(chrono::NaiveTime::MIN);
    zone.from_local_datetime(&start)
        .earliest()
        .or_else(|| zone.from_local_datetime(&(start + chrono::Duration::hours(1))).earliest())
        .map_or(start, |t| t.with_timezone(&Utc).naive_utc())
}

impl NpsReport {
    /// The report of `workshop_id` over the local dates `from` to `to` (both included) in the
    /// workshop's time zone: BAD_USER_INPUT on `to` when it is before `from` or the period is
    /// longer than [`REPORT_MAX_DAYS`]. Three statements, whatever the number of answers.
    pub async fn between(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<NpsReport, DomainError> {
        if to < from || (to - from).num_days() >= REPORT_MAX_DAYS {
            return Err(DomainError::invalid(
                "to",
                Message::owned(
                    format!("Escolha um período de até {REPORT_MAX_DAYS} dias, com o fim depois do início."),
                    format!("Pick a period of up to {REPORT_MAX_DAYS} days, ending after it starts."),
                ),
            ));
        }
        let zone_name: String = crate::run!(conn, |c| {
            calendar_settings::table.find(workshop_id).select(calendar_settings::time_zone).first(c).await
        })?;
        let zone: Tz = zone_name
            .parse()
            .map_err(|why| DomainError::unparsable("calendar_settings", "time_zone", &zone_name, why))?;
        let start = local_midnight(zone, from);
        let end = local_midnight(zone, to.succ_opt().unwrap_or(to));
        let answers: Vec<(i32, NaiveDateTime, Option<i64>)> = crate::run!(conn, |c| {
            nps_responses::table
                .filter(nps_responses::workshop_id.eq(workshop_id))
                .filter(nps_responses::answered_at.ge(start))
                .filter(nps_responses::answered_at.lt(end))
                .select((nps_responses::score, nps_responses::answered_at, nps_responses::mechanic_id))
                .load(c)
                .await
        })?;
        let recent_detractors: Vec<(NpsResponse, ServiceOrder)> = crate::run!(conn, |c| {
            nps_responses::table
                .inner_join(service_orders::table)
                .filter(nps_responses::workshop_id.eq(workshop_id))
                .filter(service_orders::workshop_id.eq(workshop_id))
                .filter(nps_responses::answered_at.ge(start))
                .filter(nps_responses::answered_at.lt(end))
                .filter(nps_responses::score.le(6))
                .order((nps_responses::answered_at.desc(), nps_responses::id.desc()))
                .limit(RECENT_DETRACTORS)
                .select((NpsResponse::as_select(), ServiceOrder::as_select()))
                .load(c)
                .await
        })?;
        let mut months: BTreeMap<NaiveDate, Tally> = BTreeMap::new();
        let mut month = month_of(from);
        while month <= to {
            months.insert(month, Tally::default());
            month = month + Months::new(1);
        }
        let mut mechanics: BTreeMap<i64, Tally> = BTreeMap::new();
        let mut tally = Tally::default();
        for (score, at, mechanic) in answers {
            tally.add(score);
            let local = DateTime::<Utc>::from_naive_utc_and_offset(at, Utc).with_timezone(&zone).date_naive();
            months.entry(month_of(local)).or_default().add(score);
            if let Some(mechanic) = mechanic {
                mechanics.entry(mechanic).or_default().add(score);
            }
        }
        let mut by_mechanic: Vec<MechanicScore> =
            mechanics.into_iter().map(|(mechanic_id, tally)| MechanicScore { mechanic_id, tally }).collect();
        by_mechanic.sort_by_key(|m| (-m.tally.responses(), m.mechanic_id));
        Ok(NpsReport {
            tally,
            by_month: months.into_iter().map(|(month, tally)| MonthScore { month, tally }).collect(),
            by_mechanic,
            recent_detractors,
        })
    }
}

/// The FINISHED orders of customer `customer_id` of the last [`SURVEY_LIFETIME`] before `now`
/// that have no answer yet, newest first: the surveys the portal shows.
pub async fn pending_surveys(
    conn: &mut Conn<'_>,
    workshop_id: i64,
    customer_id: i64,
    now: DateTime<Utc>,
) -> QueryResult<Vec<ServiceOrder>> {
    let since = (now - SURVEY_LIFETIME).naive_utc();
    crate::run!(conn, |c| {
        service_orders::table
            .filter(service_orders::workshop_id.eq(workshop_id))
            .filter(service_orders::customer_id.eq(customer_id))
            .filter(service_orders::status.eq(OrderStatus::Finished))
            .filter(service_orders::finished_at.ge(since))
            .filter(not(exists(
                nps_responses::table.filter(nps_responses::service_order_id.eq(service_orders::id)),
            )))
            .order((service_orders::finished_at.desc(), service_orders::id.desc()))
            .select(ServiceOrder::as_select())
            .load(c)
            .await
    })
}
