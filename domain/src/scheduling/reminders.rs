//! Appointment reminders: queued in the outbox when a visit is booked, moved when the workshop
//! changes its reminder hours.

use chrono::{DateTime, Duration, Utc};
use diesel::prelude::*;
use diesel_async::RunQueryDsl;

use super::calendar::Calendar;
use super::models::AppointmentStatus;
use crate::crm::Customer;
use crate::db::Conn;
use crate::error::DomainError;
use crate::notifications::{Mail, Notification, Recipient};
use crate::schema::{appointments, workshops};

/// Queues the reminder of an appointment of `customer_id` starting at `starts_at`, due the
/// calendar's reminder hours before; returns its id, or `None` when that time has passed or the
/// customer has no e-mail.
pub(super) async fn queue_reminder(
    conn: &mut Conn<'_>,
    workshop_id: i64,
    calendar: &Calendar,
    customer_id: i64,
    plate: &str,
    starts_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<Option<i64>, DomainError> {
    let due_at = starts_at - Duration::hours(calendar.reminder_hours.into());
    if due_at <= now {
        return Ok(None);
    }
    let Some(recipient) = Recipient::customer(conn, workshop_id, customer_id).await? else { return Ok(None) };
    let customer = Customer::find(conn, workshop_id, customer_id).await?.ok_or(DomainError::NotFound)?;
    let workshop: String =
        crate::run!(conn, |c| workshops::table.find(workshop_id).select(workshops::name).first(c).await)?;
    let mail = Mail::AppointmentReminder {
        workshop,
        customer: customer.name,
        plate: plate.to_owned(),
        starts_at,
        time_zone: calendar.time_zone.name().to_owned(),
    };
    let (email, locale) = (&recipient.email, &recipient.locale);
    Ok(Some(Notification::enqueue_at(conn, workshop_id, email, locale, &mail, None, due_at).await?))
}
/// After the workshop's reminder hours changed: the queued reminders of booked appointments
/// move to `reminder_hours` before their start. One whose new time has already passed keeps its
/// old time (the customer still hears once, before the visit, never at the moment of the change);
/// one being sent or sent stays as it is.
pub(super) async fn move_queued_reminders(
    conn: &mut Conn<'_>,
    workshop_id: i64,
    reminder_hours: i32,
) -> Result<(), DomainError> {
    use crate::schema::notifications;
    let now = Utc::now().naive_utc();
    let queued: Vec<(i64, chrono::NaiveDateTime)> = crate::run!(conn, |c| {
        appointments::table
            .inner_join(notifications::table)
            .filter(appointments::workshop_id.eq(workshop_id))
            .filter(appointments::status.eq(AppointmentStatus::Booked))
            .filter(notifications::processed_at.is_null())
            .filter(notifications::sending_at.is_null())
            .select((notifications::id, appointments::starts_at))
            .load(c)
            .await
    })?;
    for (notification_id, starts_at) in queued {
        let due_at = starts_at - Duration::hours(reminder_hours.into());
        if due_at <= now {
            continue;
        }
        crate::run!(conn, |c| {
            diesel::update(
                notifications::table
                    .find(notification_id)
                    .filter(notifications::workshop_id.eq(workshop_id))
                    .filter(notifications::processed_at.is_null())
                    .filter(notifications::sending_at.is_null()),
            )
            .set(notifications::next_attempt_at.eq(due_at))
            .execute(c)
            .await
        })?;
    }
    Ok(())
}
