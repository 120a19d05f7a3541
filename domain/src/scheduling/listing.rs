//! Reading appointments: one, a window of the agenda, a customer's, the figures and names the
//! lists show beside them, and the free slots and days a calendar leaves.

use std::collections::HashMap;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use diesel::prelude::*;
use diesel_async::RunQueryDsl;

use super::appointment::AppointmentViewer;
use super::calendar::Calendar;
use super::models::{Appointment, AppointmentStatus};
use super::slots::{Slot, available_slots, day_bounds};
use crate::db::Conn;
use crate::error::DomainError;
use crate::message::Message;
use crate::schema::{appointments, memberships, users};

/// The most appointments `myAppointments` lists.
const MINE_MAX: i64 = 50;
/// The longest window of [`Appointment::available_days`], in days.
const DAYS_MAX: i64 = 62;
/// The longest window of [`Appointment::between`].
const WINDOW_MAX: Duration = Duration::days(31);

impl Appointment {
    /// The appointment `id` of `workshop_id` if `viewer` may see it.
    pub async fn find(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        viewer: AppointmentViewer,
        id: i64,
    ) -> QueryResult<Option<Appointment>> {
        let found: Option<Appointment> = crate::run!(conn, |c| {
            appointments::table
                .filter(appointments::workshop_id.eq(workshop_id))
                .filter(appointments::id.eq(id))
                .select(Appointment::as_select())
                .first(c)
                .await
                .optional()
        })?;
        Ok(found.filter(|a| viewer.sees(a)))
    }

    /// The appointments of `workshop_id` starting in [from, to), of every status, by start; the
    /// window is at most 31 days (BAD_USER_INPUT on `to`).
    pub async fn between(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<Appointment>, DomainError> {
        if to <= from || to - from > WINDOW_MAX {
            return Err(DomainError::invalid(
                "to",
                Message::owned(
                    format!("O fim deve vir depois do início, em no máximo {} dias.", WINDOW_MAX.num_days()),
                    format!(
                        "The end must come after the start, at most {} days later.",
                        WINDOW_MAX.num_days()
                    ),
                ),
            ));
        }
        Ok(crate::run!(conn, |c| {
            appointments::table
                .filter(appointments::workshop_id.eq(workshop_id))
                .filter(appointments::starts_at.ge(from.naive_utc()))
                .filter(appointments::starts_at.lt(to.naive_utc()))
                .order((appointments::starts_at, appointments::id))
                .select(Appointment::as_select())
                .load(c)
                .await
        })?)
    }

    /// A customer's appointments: the upcoming BOOKED ones by start, then the others newest
    /// first, at most 50 in all.
    pub async fn of_customer(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        customer_id: i64,
        now: DateTime<Utc>,
    ) -> QueryResult<Vec<Appointment>> {
        let now = now.naive_utc();
        let mut upcoming: Vec<Appointment> = crate::run!(conn, |c| {
            appointments::table
                .filter(appointments::workshop_id.eq(workshop_id))
                .filter(appointments::customer_id.eq(customer_id))
                .filter(appointments::status.eq(AppointmentStatus::Booked))
                .filter(appointments::starts_at.ge(now))
                .order((appointments::starts_at, appointments::id))
                .limit(MINE_MAX)
                .select(Appointment::as_select())
                .load(c)
                .await
        })?;
        let rest = MINE_MAX - upcoming.len() as i64;
        if rest > 0 {
            let others: Vec<Appointment> = crate::run!(conn, |c| {
                appointments::table
                    .filter(appointments::workshop_id.eq(workshop_id))
                    .filter(appointments::customer_id.eq(customer_id))
                    .filter(
                        appointments::status
                            .ne(AppointmentStatus::Booked)
                            .or(appointments::starts_at.lt(now)),
                    )
                    .order((appointments::starts_at.desc(), appointments::id.desc()))
                    .limit(rest)
                    .select(Appointment::as_select())
                    .load(c)
                    .await
            })?;
            upcoming.extend(others);
        }
        Ok(upcoming)
    }

    /// The BOOKED appointments of these customers of `workshop_id` from `now` on, by start.
    pub async fn upcoming_of_customers(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        customer_ids: &[i64],
        now: DateTime<Utc>,
    ) -> QueryResult<HashMap<i64, Vec<Appointment>>> {
        let found: Vec<Appointment> = crate::run!(conn, |c| {
            appointments::table
                .filter(appointments::workshop_id.eq(workshop_id))
                .filter(appointments::customer_id.eq_any(customer_ids))
                .filter(appointments::status.eq(AppointmentStatus::Booked))
                .filter(appointments::starts_at.ge(now.naive_utc()))
                .order((appointments::starts_at, appointments::id))
                .select(Appointment::as_select())
                .load(c)
                .await
        })?;
        let mut by_customer: HashMap<i64, Vec<Appointment>> = HashMap::new();
        for appointment in found {
            by_customer.entry(appointment.customer_id).or_default().push(appointment);
        }
        Ok(by_customer)
    }

    /// How many appointments of each of these customers of `workshop_id` are NO_SHOW (customers
    /// without any are left out).
    pub async fn no_show_counts(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        customer_ids: &[i64],
    ) -> QueryResult<HashMap<i64, i64>> {
        let counts: Vec<(i64, i64)> = crate::run!(conn, |c| {
            appointments::table
                .filter(appointments::workshop_id.eq(workshop_id))
                .filter(appointments::customer_id.eq_any(customer_ids))
                .filter(appointments::status.eq(AppointmentStatus::NoShow))
                .group_by(appointments::customer_id)
                .select((appointments::customer_id, diesel::dsl::count_star()))
                .load(c)
                .await
        })?;
        Ok(counts.into_iter().collect())
    }

    /// The names of these users of `workshop_id`: the staff who marked attendance.
    pub async fn marker_names(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        user_ids: &[i64],
    ) -> QueryResult<HashMap<i64, String>> {
        let names: Vec<(i64, String)> = crate::run!(conn, |c| {
            memberships::table
                .inner_join(users::table)
                .filter(memberships::workshop_id.eq(workshop_id))
                .filter(users::id.eq_any(user_ids))
                .select((users::id, users::name))
                .load(c)
                .await
        })?;
        Ok(names.into_iter().collect())
    }

    /// The start and end of the appointments of `workshop_id` that take a bay and overlap
    /// [from, to), but `except`.
    pub(super) async fn busy(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        except: Option<i64>,
    ) -> QueryResult<Vec<(DateTime<Utc>, DateTime<Utc>)>> {
        let except = except.unwrap_or(0);
        let rows: Vec<(chrono::NaiveDateTime, chrono::NaiveDateTime)> = crate::run!(conn, |c| {
            appointments::table
                .filter(appointments::workshop_id.eq(workshop_id))
                .filter(appointments::status.eq_any(AppointmentStatus::OCCUPYING))
                .filter(appointments::starts_at.lt(to.naive_utc()))
                .filter(appointments::ends_at.gt(from.naive_utc()))
                .filter(appointments::id.ne(except))
                .select((appointments::starts_at, appointments::ends_at))
                .load(c)
                .await
        })?;
        Ok(rows.into_iter().map(|(s, e)| (s.and_utc(), e.and_utc())).collect())
    }

    /// The free slots of the local `date` of `workshop_id`'s calendar after `now`.
    pub async fn available_slots(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        date: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<Vec<Slot>, DomainError> {
        let calendar = Calendar::load(conn, workshop_id).await?;
        let (from, to) = day_bounds(&calendar, date);
        let busy = Appointment::busy(conn, workshop_id, from, to, None).await?;
        Ok(available_slots(&calendar, date, now, &busy))
    }

    /// The local days in [from, to] (at most 62 days, else BAD_USER_INPUT on `to`) with at least
    /// one free slot after `now`.
    pub async fn available_days(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        from: NaiveDate,
        to: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<Vec<NaiveDate>, DomainError> {
        let days = (to - from).num_days() + 1;
        if !(1..=DAYS_MAX).contains(&days) {
            return Err(DomainError::invalid(
                "to",
                Message::owned(
                    format!("O fim deve ser igual ou depois do início, em no máximo {DAYS_MAX} dias."),
                    format!("The end must be on or after the start, at most {DAYS_MAX} days in all."),
                ),
            ));
        }
        let calendar = Calendar::load(conn, workshop_id).await?;
        let (start, _) = day_bounds(&calendar, from);
        let (_, end) = day_bounds(&calendar, to);
        let busy = Appointment::busy(conn, workshop_id, start, end, None).await?;
        Ok(from
            .iter_days()
            .take(days as usize)
            .filter(|day| !available_slots(&calendar, *day, now, &busy).is_empty())
            .collect())
    }
}
