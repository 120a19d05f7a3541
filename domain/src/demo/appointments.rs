//! The demo workshop's agenda: appointments in the coming days (one of them the demo customer's),
//! booked through the scheduling context's own command, and some in the past weeks that the
//! customers attended or missed, written as they would have been marked then.

use chrono::{Days, Duration, Utc};
use diesel::prelude::*;
use diesel_async::RunQueryDsl;

use super::orders::DemoCar;
use crate::DomainError;
use crate::audit::Actor;
use crate::db::Conn;
use crate::scheduling::{
    Appointment, AppointmentStatus, AppointmentViewer, BookingInput, Calendar, day_grid,
};
use crate::schema::appointments;

/// What the upcoming demo appointments are for, in turn.
const NOTES: [&str; 4] = [
    "Revisão dos 40 mil km",
    "Barulho na suspensão dianteira",
    "Troca de óleo e filtros",
    "Alinhamento e balanceamento",
];

/// Books the coming days' appointments and writes the past weeks' ones; `cars[0]` is the demo
/// customer's.
pub(super) async fn seed(
    conn: &mut Conn<'_>,
    workshop_id: i64,
    actor: &Actor,
    cars: &[DemoCar],
) -> Result<(), DomainError> {
    let now = Utc::now();
    let calendar = Calendar::load(conn, workshop_id).await?;
    let today = now.with_timezone(&calendar.time_zone).date_naive();
    for (i, car) in cars.iter().take(8).enumerate() {
        // Two a day from tomorrow, on the next day the workshop opens.
        for ahead in (1 + i as u64 / 2)..(8 + i as u64 / 2) {
            let slots =
                Appointment::available_slots(conn, workshop_id, today + Days::new(ahead), now).await?;
            let Some(slot) = slots.get((i * 3) % slots.len().max(1)) else { continue };
            let input = BookingInput {
                vehicle_id: car.vehicle_id,
                starts_at: slot.starts_at,
                notes: Some(NOTES[i % NOTES.len()].into()),
            };
            Appointment::book(conn, workshop_id, actor, AppointmentViewer::Staff, input, now).await?;
            break;
        }
    }
    // The past: every other weekday of the last three weeks, one appointment; one in four missed.
    let past = (2..21u64).step_by(2).filter_map(|back| today.checked_sub_days(Days::new(back)));
    for (i, (day, car)) in past.zip(cars.iter().skip(1).cycle()).enumerate() {
        let Some((starts_at, ends_at)) = day_grid(&calendar, day).get(i % 4).copied() else { continue };
        let (status, marked_at) = if i % 4 == 3 {
            (AppointmentStatus::NoShow, ends_at)
        } else {
            (AppointmentStatus::Attended, starts_at + Duration::minutes(5))
        };
        let created_at = (starts_at - Duration::days(3)).naive_utc();
        crate::run!(conn, |c| {
            diesel::insert_into(appointments::table)
                .values((
                    appointments::workshop_id.eq(workshop_id),
                    appointments::customer_id.eq(car.customer_id),
                    appointments::vehicle_id.eq(car.vehicle_id),
                    appointments::starts_at.eq(starts_at.naive_utc()),
                    appointments::ends_at.eq(ends_at.naive_utc()),
                    appointments::status.eq(status),
                    appointments::created_by.eq(actor.user_id),
                    appointments::created_at.eq(created_at),
                    appointments::updated_at.eq(marked_at.naive_utc()),
                    appointments::attendance_marked_by.eq(actor.user_id),
                    appointments::attendance_marked_at.eq(marked_at.naive_utc()),
                ))
                .execute(c)
                .await
        })?;
    }
    Ok(())
}
