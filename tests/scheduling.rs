//! Scheduling (contract: scheduling.graphql): the calendar and its errors, the free slots, the
//! booking rules and the race for the last bay, cancelling and marking attendance, and the
//! reminder e-mail the outbox sends before an appointment.

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc, Weekday};
use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use oficina_domain::schema::{appointments, notifications};
use serde_json::{Value, json};

use crate::helpers::{CNPJ_A, CNPJ_B, PASSWORD, TestApp};
use crate::service_order_access::cpf;

pub(crate) const RESCHEDULE: &str = "mutation($id: ID!, $startsAt: DateTime!) { \
    rescheduleAppointment(id: $id, startsAt: $startsAt) { id status startsAt endsAt } }";
pub(crate) const ONE: &str = "query($id: ID!) { appointment(id: $id) { id status attended \
    attendanceMarkedBy attendanceMarkedAt canCancel notes customer { id } vehicle { id } } }";
pub(crate) const MINE: &str =
    "{ myAppointments { id status startsAt canCancel customer { id } vehicle { plate } } }";
const CALENDAR: &str = "{ calendarSettings { timeZone slotMinutes bays reminderHours closedDates \
    openingHours { weekday opens closes } } }";
const DAYS: &str = "query($from: Date!, $to: Date!) { availableDays(from: $from, to: $to) }";

/// The São Paulo weekday `n` weekdays (Monday to Friday) after today: open 08–12 and 13–18.
pub(crate) fn weekday_ahead(n: usize) -> NaiveDate {
    let today = (Utc::now() - Duration::hours(3)).date_naive();
    today.iter_days().skip(1).filter(|d| !matches!(d.weekday(), Weekday::Sat | Weekday::Sun)).nth(n).unwrap()
}

/// The UTC instant of local São Paulo `hour`:00 on `date` (UTC−3, no daylight saving since 2019).
pub(crate) fn at(date: NaiveDate, hour: u32) -> String {
    (date.and_hms_opt(hour, 0, 0).unwrap().and_utc() + Duration::hours(3))
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// A workshop with a customer (with an e-mail and a car) who has a portal login.
pub(crate) struct Shop {
    pub admin: String,
    pub customer_id: String,
    pub vehicle: String,
    pub customer: String,
}

/// Registers a workshop as `email`, with customer `n` (`cliente{n}@example.com`) and a portal login.
pub(crate) async fn shop(app: &TestApp, cnpj: &str, email: &str, n: u32) -> Shop {
    let admin = app.register(cnpj, email).await;
    let (customer_id, vehicle, customer) = customer(app, &admin, n).await;
    Shop { admin, customer_id, vehicle, customer }
}

/// Customer `n` of the admin's workshop with an e-mail, a car and a portal login: (id, vehicle, token).
pub(crate) async fn customer(app: &TestApp, admin: &str, n: u32) -> (String, String, String) {
    let email = format!("cliente{n}@example.com");
    let input = json!({ "name": format!("Cliente {n}"), "document": cpf(n), "emails": [email] });
    let plate = format!("AGD{}B{:02}", n % 10, n % 100);
    let (id, vehicle) = app.customer_with_car(admin, input, &plate).await;
    let token = app.invitation_token(admin, &id, &email).await;
    let accepted = app.op("AcceptInvitation", json!({ "token": token, "password": PASSWORD }), None).await;
    let token = accepted.data()["acceptInvitation"]["token"].as_str().unwrap().to_owned();
    (id, vehicle, token)
}

/// Books `starts_at` for `vehicle` as the holder of `token`.
pub(crate) async fn book(
    app: &TestApp,
    token: &str,
    vehicle: &str,
    starts_at: &str,
) -> crate::helpers::Response {
    let input = json!({ "vehicleId": vehicle, "startsAt": starts_at, "notes": "revisão" });
    app.op("BookAppointment", json!({ "input": input }), Some(token)).await
}

/// Books and returns the new appointment's id.
pub(crate) async fn booked(app: &TestApp, token: &str, vehicle: &str, starts_at: &str) -> String {
    book(app, token, vehicle, starts_at).await.data()["bookAppointment"]["id"].as_str().unwrap().to_owned()
}

/// Moves an appointment's start (and end, an hour later) to `starts_at` in the database: for
/// what the API refuses to book (the past, the next two hours).
pub(crate) async fn move_to(app: &TestApp, id: &str, starts_at: DateTime<Utc>) {
    let id: i64 = id.parse().unwrap();
    let mut pooled = app.state.db.get().await.unwrap();
    oficina_domain::run!(&mut pooled.conn(), |c| {
        diesel::update(appointments::table.find(id))
            .set((
                appointments::starts_at.eq(starts_at.naive_utc()),
                appointments::ends_at.eq((starts_at + Duration::hours(1)).naive_utc()),
            ))
            .execute(c)
            .await
    })
    .unwrap();
}

fn opening(weekday: i32, opens: &str, closes: &str) -> Value {
    json!({ "weekday": weekday, "opens": opens, "closes": closes })
}

/// A calendar open every day 08–12, with `bays` and these closed dates.
fn every_morning(bays: i32, closed: &[NaiveDate]) -> Value {
    json!({ "timeZone": "America/Sao_Paulo", "slotMinutes": 60, "bays": bays,
        "openingHours": (1..=7).map(|d| opening(d, "08:00", "12:00")).collect::<Vec<_>>(),
        "closedDates": closed.iter().map(|d| d.to_string()).collect::<Vec<_>>() })
}

#[tokio::test(flavor = "multi_thread")]
async fn a_new_workshop_has_the_default_calendar_and_the_admin_changes_it() {
    let app = TestApp::spawn().await;
    let admin = app.register(CNPJ_A, "a@example.com").await;
    let calendar = app.graphql(CALENDAR, json!({}), Some(&admin)).await;
    let calendar = &calendar.data()["calendarSettings"];
    assert_eq!(calendar["timeZone"], "America/Sao_Paulo");
    assert_eq!((calendar["slotMinutes"].as_i64(), calendar["bays"].as_i64()), (Some(60), Some(2)));
    assert_eq!(calendar["reminderHours"], 24);
    let hours = calendar["openingHours"].as_array().unwrap();
    assert_eq!(hours.len(), 11, "Mon–Fri split, Saturday morning: {calendar:#}");
    assert_eq!(hours[0], opening(1, "08:00", "12:00"));
    assert_eq!(hours[1], opening(1, "13:00", "18:00"));
    assert_eq!(hours[10], opening(6, "08:00", "12:00"));

    let holiday = weekday_ahead(3);
    let input = json!({ "timeZone": "America/Sao_Paulo", "slotMinutes": 30, "bays": 3, "reminderHours": 48,
        "openingHours": [opening(2, "13:30", "18:00"), opening(2, "08:00", "12:00")],
        "closedDates": [holiday.to_string()] });
    let updated = app.op("UpdateCalendarSettings", json!({ "input": input }), Some(&admin)).await;
    let updated = &updated.data()["updateCalendarSettings"];
    assert_eq!(updated["openingHours"], json!([opening(2, "08:00", "12:00"), opening(2, "13:30", "18:00")]));
    assert_eq!(updated["closedDates"], json!([holiday.to_string()]));
    let again = app.graphql(CALENDAR, json!({}), Some(&admin)).await;
    assert_eq!(again.data()["calendarSettings"]["reminderHours"], 48);
    assert_eq!(again.data()["calendarSettings"]["slotMinutes"], 30);
    // The reminder omitted keeps the current one.
    let mut input = input.clone();
    input.as_object_mut().unwrap().remove("reminderHours");
    app.op("UpdateCalendarSettings", json!({ "input": input }), Some(&admin)).await.data();
    let kept = app.graphql(CALENDAR, json!({}), Some(&admin)).await;
    assert_eq!(kept.data()["calendarSettings"]["reminderHours"], 48);
}

#[tokio::test(flavor = "multi_thread")]
async fn bad_calendars_are_refused_on_their_field_and_write_nothing() {
    let app = TestApp::spawn().await;
    let admin = app.register(CNPJ_A, "a@example.com").await;
    let base = every_morning(2, &[]);
    let with = |key: &str, value: Value| {
        let mut input = base.clone();
        input[key] = value;
        input
    };
    let events = app.event_count().await;
    let cases = [
        (
            with("openingHours", json!([opening(1, "08:00", "12:00"), opening(1, "13:00", "09:00")])),
            "input.openingHours[1].closes",
        ),
        (
            with("openingHours", json!([opening(1, "08:00", "12:00"), opening(1, "11:00", "14:00")])),
            "input.openingHours[1].opens",
        ),
        (with("openingHours", json!([opening(0, "08:00", "12:00")])), "input.openingHours[0].weekday"),
        (with("openingHours", json!([opening(1, "8h", "12:00")])), "input.openingHours[0].opens"),
        (with("timeZone", json!("Brasil/Oficina")), "input.timeZone"),
        (with("slotMinutes", json!(10)), "input.slotMinutes"),
        (with("bays", json!(0)), "input.bays"),
        (with("reminderHours", json!(0)), "input.reminderHours"),
    ];
    for (input, field) in cases {
        let response = app.op("UpdateCalendarSettings", json!({ "input": input }), Some(&admin)).await;
        response.assert_error("BAD_USER_INPUT", Some(field));
    }
    assert_eq!(app.event_count().await, events, "nothing was written");
    let calendar = app.graphql(CALENDAR, json!({}), Some(&admin)).await;
    assert_eq!(calendar.data()["calendarSettings"]["openingHours"].as_array().unwrap().len(), 11);
}

#[tokio::test(flavor = "multi_thread")]
async fn slots_follow_the_calendar_bookings_and_closed_dates() {
    let app = TestApp::spawn().await;
    let s = shop(&app, CNPJ_A, "a@example.com", 1).await;
    let day = weekday_ahead(2);
    let slots = app.op("AvailableSlots", json!({ "date": day.to_string() }), Some(&s.customer)).await;
    let starts: Vec<&str> = slots.data()["availableSlots"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["startsAt"].as_str().unwrap())
        .collect();
    assert_eq!(starts.len(), 9, "08–12 and 13–18 local: {starts:?}");
    assert_eq!(
        DateTime::parse_from_rfc3339(starts[4])
            .unwrap()
            .with_timezone(&Utc)
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        at(day, 13),
        "after the lunch break"
    );
    // A bay taken leaves the slot with one free; both taken removes it.
    booked(&app, &s.admin, &s.vehicle, &at(day, 9)).await;
    let slot = "query($date: Date!) { availableSlots(date: $date) { startsAt freeBays } }";
    let one = app.graphql(slot, json!({ "date": day.to_string() }), Some(&s.admin)).await;
    assert_eq!(one.data()["availableSlots"][1]["freeBays"], 1, "{:#}", one.body);
    booked(&app, &s.admin, &s.vehicle, &at(day, 9)).await;
    let full = app.graphql(slot, json!({ "date": day.to_string() }), Some(&s.admin)).await;
    assert_eq!(full.data()["availableSlots"].as_array().unwrap().len(), 8);
    // A closed date has none, and the month calendar leaves it (and the weekend) out.
    app.op("UpdateCalendarSettings", json!({ "input": {
        "timeZone": "America/Sao_Paulo", "slotMinutes": 60, "bays": 2,
        "openingHours": (1..=5).flat_map(|d| [opening(d, "08:00", "12:00"), opening(d, "13:00", "18:00")]).collect::<Vec<_>>(),
        "closedDates": [day.to_string()] } }), Some(&s.admin)).await.data();
    let closed = app.op("AvailableSlots", json!({ "date": day.to_string() }), Some(&s.admin)).await;
    assert_eq!(closed.data()["availableSlots"], json!([]));
    let from = weekday_ahead(0);
    let to = from + Duration::days(13);
    let days =
        app.graphql(DAYS, json!({ "from": from.to_string(), "to": to.to_string() }), Some(&s.customer)).await;
    let days: Vec<NaiveDate> = days.data()["availableDays"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d.as_str().unwrap().parse().unwrap())
        .collect();
    assert_eq!(days.len(), 9, "ten weekdays in two weeks but the closed one: {days:?}");
    assert!(!days.contains(&day) && days.iter().all(|d| d.weekday().number_from_monday() <= 5));
    let too_long = app
        .graphql(
            DAYS,
            json!({ "from": from.to_string(), "to": (from + Duration::days(62)).to_string() }),
            Some(&s.admin),
        )
        .await;
    too_long.assert_error("BAD_USER_INPUT", Some("to"));
    let backwards = app
        .graphql(
            DAYS,
            json!({ "from": from.to_string(), "to": (from - Duration::days(1)).to_string() }),
            Some(&s.admin),
        )
        .await;
    backwards.assert_error("BAD_USER_INPUT", Some("to"));
}

#[tokio::test(flavor = "multi_thread")]
async fn bookings_must_take_a_free_future_slot_of_an_open_day() {
    let app = TestApp::spawn().await;
    let s = shop(&app, CNPJ_A, "a@example.com", 1).await;
    app.op(
        "UpdateCalendarSettings",
        json!({ "input": every_morning(1, &[weekday_ahead(4)]) }),
        Some(&s.admin),
    )
    .await
    .data();
    let day = weekday_ahead(2);
    let events = app.event_count().await;
    let refused = [
        (at(day, 9).replace(":00:00Z", ":30:00Z"), "not a boundary"),
        (at(day, 14), "outside the opening hours"),
        (at(weekday_ahead(4), 9), "a closed date"),
        (
            (Utc::now() - Duration::days(1))
                .date_naive()
                .and_hms_opt(12, 0, 0)
                .unwrap()
                .and_utc()
                .to_rfc3339(),
            "the past",
        ),
    ];
    for (starts_at, why) in &refused {
        let response = book(&app, &s.admin, &s.vehicle, starts_at).await;
        assert_eq!(response.code(), "CONFLICT", "{why}: {:#}", response.body);
        response.assert_error("CONFLICT", Some("input.startsAt"));
    }
    booked(&app, &s.admin, &s.vehicle, &at(day, 9)).await;
    let full = book(&app, &s.customer, &s.vehicle, &at(day, 9)).await;
    full.assert_error("CONFLICT", Some("input.startsAt"));
    assert_eq!(app.event_count().await, events + 1, "only the one booking was written");
    let long =
        json!({ "input": { "vehicleId": s.vehicle, "startsAt": at(day, 10), "notes": "x".repeat(501) } });
    app.op("BookAppointment", long, Some(&s.customer))
        .await
        .assert_error("BAD_USER_INPUT", Some("input.notes"));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_customer_books_for_their_own_vehicles_up_to_two_future_appointments() {
    let app = TestApp::spawn().await;
    let s = shop(&app, CNPJ_A, "a@example.com", 1).await;
    let (_, other_vehicle, _) = customer(&app, &s.admin, 2).await;
    let b = shop(&app, CNPJ_B, "b@example.com", 3).await;
    let day = weekday_ahead(2);
    for (token, vehicle) in [(&s.customer, &other_vehicle), (&s.customer, &b.vehicle), (&s.admin, &b.vehicle)]
    {
        book(&app, token, vehicle, &at(day, 8)).await.assert_error("NOT_FOUND", Some("input.vehicleId"));
    }
    let first = book(&app, &s.customer, &s.vehicle, &at(day, 8)).await;
    let first = &first.data()["bookAppointment"];
    assert_eq!(
        (first["status"].as_str(), first["vehicle"]["id"].as_str()),
        (Some("BOOKED"), Some(s.vehicle.as_str()))
    );
    assert_eq!(first["customer"]["id"], s.customer_id.as_str());
    let second = booked(&app, &s.customer, &s.vehicle, &at(day, 10)).await;
    let third = book(&app, &s.customer, &s.vehicle, &at(day, 11)).await;
    third.assert_error("CONFLICT", Some("input.startsAt"));
    assert!(
        third.body["errors"][0]["message"].as_str().unwrap().contains("2 agendamentos futuros"),
        "{:#}",
        third.body
    );
    // Staff may book a third; after a cancel the customer may book again.
    booked(&app, &s.admin, &s.vehicle, &at(day, 11)).await;
    app.op("CancelAppointment", json!({ "id": second }), Some(&s.customer)).await.data();
    app.op("CancelAppointment", json!({ "id": first["id"] }), Some(&s.customer)).await.data();
    booked(&app, &s.customer, &s.vehicle, &at(day, 14)).await;
    let mine = app.graphql(MINE, json!({}), Some(&s.customer)).await;
    let mine = mine.data()["myAppointments"].as_array().unwrap().clone();
    let statuses: Vec<&str> = mine.iter().map(|a| a["status"].as_str().unwrap()).collect();
    assert_eq!(statuses, ["BOOKED", "BOOKED", "CANCELLED", "CANCELLED"], "upcoming first: {mine:#?}");
    assert!(mine[0]["startsAt"].as_str() < mine[1]["startsAt"].as_str());
    assert!(mine.iter().all(|a| a["customer"]["id"] == s.customer_id.as_str()));
    assert_eq!((mine[0]["canCancel"].as_bool(), mine[2]["canCancel"].as_bool()), (Some(true), Some(false)));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_customer_cancels_until_two_hours_before_staff_any_time() {
    let app = TestApp::spawn().await;
    let s = shop(&app, CNPJ_A, "a@example.com", 1).await;
    let day = weekday_ahead(2);
    let soon = booked(&app, &s.customer, &s.vehicle, &at(day, 8)).await;
    move_to(&app, &soon, Utc::now() + Duration::minutes(90)).await;
    let events = app.event_count().await;
    let refused = app.op("CancelAppointment", json!({ "id": soon }), Some(&s.customer)).await;
    refused.assert_error("CONFLICT", Some("id"));
    assert!(refused.body["errors"][0]["message"].as_str().unwrap().contains("2 horas"), "{:#}", refused.body);
    let later =
        app.graphql(RESCHEDULE, json!({ "id": soon, "startsAt": at(day, 9) }), Some(&s.customer)).await;
    later.assert_error("CONFLICT", Some("id"));
    let one = app.graphql(ONE, json!({ "id": soon }), Some(&s.customer)).await;
    assert_eq!(one.data()["appointment"]["canCancel"], false);
    assert_eq!(app.event_count().await, events);
    let staff = app.op("CancelAppointment", json!({ "id": soon }), Some(&s.admin)).await;
    assert_eq!(staff.data()["cancelAppointment"]["status"], "CANCELLED");
    let again = app.op("CancelAppointment", json!({ "id": soon }), Some(&s.admin)).await;
    again.assert_error("CONFLICT", Some("id"));
    // Three hours ahead the customer may.
    let fine = booked(&app, &s.customer, &s.vehicle, &at(day, 10)).await;
    move_to(&app, &fine, Utc::now() + Duration::hours(3)).await;
    let cancelled = app.op("CancelAppointment", json!({ "id": fine }), Some(&s.customer)).await;
    assert_eq!(cancelled.data()["cancelAppointment"]["status"], "CANCELLED");
}

#[tokio::test(flavor = "multi_thread")]
async fn rescheduling_moves_a_booked_appointment_by_the_booking_rules() {
    let app = TestApp::spawn().await;
    let s = shop(&app, CNPJ_A, "a@example.com", 1).await;
    app.op("UpdateCalendarSettings", json!({ "input": every_morning(1, &[]) }), Some(&s.admin)).await.data();
    let day = weekday_ahead(2);
    let mine = booked(&app, &s.customer, &s.vehicle, &at(day, 8)).await;
    booked(&app, &s.admin, &s.vehicle, &at(day, 10)).await;
    let full =
        app.graphql(RESCHEDULE, json!({ "id": mine, "startsAt": at(day, 10) }), Some(&s.customer)).await;
    full.assert_error("CONFLICT", Some("startsAt"));
    let odd =
        app.graphql(RESCHEDULE, json!({ "id": mine, "startsAt": at(day, 13) }), Some(&s.customer)).await;
    odd.assert_error("CONFLICT", Some("startsAt"));
    // Its own slot counts as free: moving within it is allowed, and so is a free one.
    let moved =
        app.graphql(RESCHEDULE, json!({ "id": mine, "startsAt": at(day, 9) }), Some(&s.customer)).await;
    let moved = &moved.data()["rescheduleAppointment"];
    assert_eq!(moved["status"], "BOOKED");
    assert_eq!(
        DateTime::parse_from_rfc3339(moved["startsAt"].as_str().unwrap())
            .unwrap()
            .with_timezone(&Utc)
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        at(day, 9)
    );
    let slots = app.op("AvailableSlots", json!({ "date": day.to_string() }), Some(&s.customer)).await;
    assert_eq!(
        slots.data()["availableSlots"].as_array().unwrap().len(),
        2,
        "08:00 and 11:00 free: {:#}",
        slots.body
    );
    app.op("CancelAppointment", json!({ "id": mine }), Some(&s.admin)).await.data();
    let cancelled =
        app.graphql(RESCHEDULE, json!({ "id": mine, "startsAt": at(day, 8) }), Some(&s.admin)).await;
    cancelled.assert_error("CONFLICT", Some("id"));
}

#[tokio::test(flavor = "multi_thread")]
async fn attendance_records_who_and_when_and_no_shows_only_after_the_start() {
    let app = TestApp::spawn().await;
    let s = shop(&app, CNPJ_A, "a@example.com", 1).await;
    let day = weekday_ahead(2);
    let ahead = booked(&app, &s.admin, &s.vehicle, &at(day, 8)).await;
    let early = app.op("MarkAttendance", json!({ "id": ahead, "attended": false }), Some(&s.admin)).await;
    early.assert_error("BAD_USER_INPUT", Some("attended"));
    move_to(&app, &ahead, Utc::now() - Duration::hours(2)).await;
    let missed = app.op("MarkAttendance", json!({ "id": ahead, "attended": false }), Some(&s.admin)).await;
    assert_eq!(
        missed.data()["markAttendance"],
        json!({ "id": ahead, "status": "NO_SHOW", "attended": false })
    );
    let twice = app.op("MarkAttendance", json!({ "id": ahead, "attended": true }), Some(&s.admin)).await;
    twice.assert_error("CONFLICT", Some("id"));
    let one = app.graphql(ONE, json!({ "id": ahead }), Some(&s.admin)).await;
    let one = &one.data()["appointment"];
    assert_eq!(one["attendanceMarkedBy"], "José Admin");
    let marked_at = DateTime::parse_from_rfc3339(one["attendanceMarkedAt"].as_str().unwrap()).unwrap();
    assert!((Utc::now() - marked_at.with_timezone(&Utc)).num_minutes().abs() < 5);
    let came = booked(&app, &s.admin, &s.vehicle, &at(day, 9)).await;
    let attended = app.op("MarkAttendance", json!({ "id": came, "attended": true }), Some(&s.admin)).await;
    assert_eq!(attended.data()["markAttendance"]["status"], "ATTENDED");
    let counts = "query($id: ID!) { customer(id: $id) { noShowCount upcomingAppointments { id } } }";
    let customer = app.graphql(counts, json!({ "id": s.customer_id }), Some(&s.admin)).await;
    assert_eq!(customer.data()["customer"], json!({ "noShowCount": 1, "upcomingAppointments": [] }));
}

/// 20 bookings of one slot with 2 bays at once: exactly 2 win, the others are CONFLICT.
#[tokio::test(flavor = "multi_thread")]
async fn twenty_concurrent_bookings_for_two_bays_give_exactly_two() {
    let app = TestApp::spawn().await;
    let s = shop(&app, CNPJ_A, "a@example.com", 1).await;
    let starts_at = at(weekday_ahead(3), 14);
    let attempts = (0..20).map(|_| book(&app, &s.admin, &s.vehicle, &starts_at));
    let responses = futures_util::future::join_all(attempts).await;
    let won = responses.iter().filter(|r| r.body.get("errors").is_none()).count();
    assert_eq!(won, 2, "exactly the two bays were booked");
    for lost in responses.iter().filter(|r| r.body.get("errors").is_some()) {
        lost.assert_error("CONFLICT", Some("input.startsAt"));
    }
    let from = at(weekday_ahead(3), 0);
    let to = at(weekday_ahead(3), 23);
    let list = app.op("UpcomingAppointments", json!({ "from": from, "to": to }), Some(&s.admin)).await;
    assert_eq!(list.data()["upcomingAppointments"].as_array().unwrap().len(), 2);
}

/// The reminder an appointment holds: its notification's id and when it is due.
async fn reminder(app: &TestApp, appointment: &str) -> Option<(i64, DateTime<Utc>)> {
    let id: i64 = appointment.parse().unwrap();
    let mut pooled = app.state.db.get().await.unwrap();
    let found: Option<Option<i64>> = oficina_domain::run!(&mut pooled.conn(), |c| {
        appointments::table.find(id).select(appointments::reminder_notification_id).first(c).await.optional()
    })
    .unwrap();
    let notification = found.flatten()?;
    let due: chrono::NaiveDateTime = oficina_domain::run!(&mut pooled.conn(), |c| {
        notifications::table.find(notification).select(notifications::next_attempt_at).first(c).await
    })
    .unwrap();
    Some((notification, due.and_utc()))
}

/// Whether notification `id` was withdrawn (processed, never sent).
async fn withdrawn(app: &TestApp, id: i64) -> bool {
    let mut pooled = app.state.db.get().await.unwrap();
    let (processed, error): (Option<chrono::NaiveDateTime>, Option<String>) =
        oficina_domain::run!(&mut pooled.conn(), |c| {
            notifications::table
                .find(id)
                .select((notifications::processed_at, notifications::last_error))
                .first(c)
                .await
        })
        .unwrap();
    processed.is_some() && error.as_deref() == Some("withdrawn")
}

#[tokio::test(flavor = "multi_thread")]
async fn booking_queues_the_reminder_and_cancelling_or_moving_withdraws_it() {
    let app = TestApp::spawn().await;
    let s = shop(&app, CNPJ_A, "a@example.com", 1).await;
    let day = weekday_ahead(3);
    let id = booked(&app, &s.customer, &s.vehicle, &at(day, 9)).await;
    let (first, due) = reminder(&app, &id).await.expect("a reminder was queued");
    let starts: DateTime<Utc> = at(day, 9).parse().unwrap();
    assert_eq!(due, starts - Duration::hours(24), "the calendar's 24 hours before");
    app.graphql(RESCHEDULE, json!({ "id": id, "startsAt": at(day, 10) }), Some(&s.customer)).await.data();
    let (second, due) = reminder(&app, &id).await.expect("a new reminder");
    assert_ne!(second, first);
    assert_eq!(due, starts + Duration::hours(1) - Duration::hours(24));
    assert!(withdrawn(&app, first).await, "the old reminder is never sent");
    assert!(!withdrawn(&app, second).await);
    app.op("CancelAppointment", json!({ "id": id }), Some(&s.customer)).await.data();
    assert!(withdrawn(&app, second).await);
    // None when the reminder's time has passed already.
    let soon = weekday_ahead(0);
    let close = booked(&app, &s.admin, &s.vehicle, &at(soon, 17)).await;
    let expected = at(soon, 17).parse::<DateTime<Utc>>().unwrap() - Duration::hours(24) > Utc::now();
    assert_eq!(reminder(&app, &close).await.is_some(), expected);
}

/// A change of the calendar's reminder hours moves the reminders already queued.
#[tokio::test(flavor = "multi_thread")]
async fn changing_the_reminder_hours_moves_the_queued_reminders() {
    let app = TestApp::spawn().await;
    let s = shop(&app, CNPJ_A, "a@example.com", 1).await;
    let day = weekday_ahead(3);
    let id = booked(&app, &s.customer, &s.vehicle, &at(day, 9)).await;
    let starts: DateTime<Utc> = at(day, 9).parse().unwrap();
    let (queued, due) = reminder(&app, &id).await.expect("a reminder was queued");
    assert_eq!(due, starts - Duration::hours(24));
    let current = app.graphql(CALENDAR, json!({}), Some(&s.admin)).await;
    let mut input = current.data()["calendarSettings"].clone();
    input["reminderHours"] = json!(48);
    app.op("UpdateCalendarSettings", json!({ "input": input }), Some(&s.admin)).await.data();
    assert_eq!(
        reminder(&app, &id).await,
        Some((queued, starts - Duration::hours(48))),
        "moved, same message"
    );
    // A time already past (a week before a visit within five days) keeps the reminder where it was.
    input["reminderHours"] = json!(168);
    app.op("UpdateCalendarSettings", json!({ "input": input }), Some(&s.admin)).await.data();
    assert_eq!(reminder(&app, &id).await, Some((queued, starts - Duration::hours(48))));
}

#[tokio::test(flavor = "multi_thread")]
async fn the_reminder_goes_out_in_the_workshops_time_with_a_link_to_the_agenda() {
    let app = TestApp::spawn().await;
    let s = shop(&app, CNPJ_A, "a@example.com", 1).await;
    let day = weekday_ahead(3);
    let id = booked(&app, &s.customer, &s.vehicle, &at(day, 13)).await;
    let (notification, _) = reminder(&app, &id).await.unwrap();
    let sent = app.mail_log().len();
    // Due now: the worker's next look sends it.
    let mut pooled = app.state.db.get().await.unwrap();
    oficina_domain::run!(&mut pooled.conn(), |c| {
        diesel::update(notifications::table.find(notification))
            .set(notifications::next_attempt_at.eq(Utc::now().naive_utc()))
            .execute(c)
            .await
    })
    .unwrap();
    let mail = app.wait_for_mail(sent + 1).await;
    let message = &mail[sent];
    assert_eq!(message["to"], "cliente1@example.com");
    let text = message["text"].as_str().unwrap();
    assert!(text.contains(&format!("{} às 13:00", day.format("%d/%m/%Y"))), "{text}");
    assert!(text.contains("AGD1B01") && text.contains("http://oficina.test/cliente/agendar"), "{text}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_customer_changing_appointments_is_rate_limited() {
    let app = TestApp::spawn().await;
    let s = shop(&app, CNPJ_A, "a@example.com", 1).await;
    for _ in 0..20 {
        app.op("CancelAppointment", json!({ "id": "999999" }), Some(&s.customer))
            .await
            .assert_error("NOT_FOUND", None);
    }
    let limited = book(&app, &s.customer, &s.vehicle, &at(weekday_ahead(2), 9)).await;
    limited.assert_error("RATE_LIMITED", None);
    // Staff are not limited.
    booked(&app, &s.admin, &s.vehicle, &at(weekday_ahead(2), 9)).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_staff_agenda_window_is_at_most_31_days() {
    let app = TestApp::spawn().await;
    let admin = app.register(CNPJ_A, "a@example.com").await;
    let from = Utc::now();
    let window =
        |days: i64| json!({ "from": from.to_rfc3339(), "to": (from + Duration::days(days)).to_rfc3339() });
    app.op("UpcomingAppointments", window(31), Some(&admin)).await.data();
    app.op("UpcomingAppointments", window(32), Some(&admin)).await.assert_error("BAD_USER_INPUT", Some("to"));
    app.op("UpcomingAppointments", window(0), Some(&admin)).await.assert_error("BAD_USER_INPUT", Some("to"));
}

/// The demo's agenda: appointments in the coming days (one the demo customer's) and attended or
/// missed ones in the past weeks.
#[tokio::test(flavor = "multi_thread")]
async fn the_demo_has_an_agenda() {
    let app = TestApp::spawn_with(crate::helpers::Options { demo: true, ..Default::default() }).await;
    let sign_in = async |email: &str| {
        let response = app.op("SignIn", json!({ "email": email, "password": "oficina-demo" }), None).await;
        response.data()["signIn"]["token"].as_str().unwrap().to_owned()
    };
    let admin = sign_in("admin@demo.oficina.app").await;
    let now = Utc::now();
    let window = |from: DateTime<Utc>| json!({ "from": from.to_rfc3339(), "to": (from + Duration::days(31)).to_rfc3339() });
    let upcoming = app.op("UpcomingAppointments", window(now), Some(&admin)).await;
    let upcoming = upcoming.data()["upcomingAppointments"].as_array().unwrap().clone();
    assert_eq!(upcoming.len(), 8, "{upcoming:#?}");
    assert!(upcoming.iter().all(|a| a["status"] == "BOOKED"), "{upcoming:#?}");
    let past = app.op("UpcomingAppointments", window(now - Duration::days(31)), Some(&admin)).await;
    let past: Vec<&str> = past.data()["upcomingAppointments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["status"].as_str().unwrap())
        .filter(|s| *s != "BOOKED")
        .collect();
    assert!(past.contains(&"ATTENDED") && past.contains(&"NO_SHOW"), "{past:?}");
    let carlos = sign_in("cliente@demo.oficina.app").await;
    let mine = app.graphql(MINE, json!({}), Some(&carlos)).await;
    assert_eq!(mine.data()["myAppointments"][0]["status"], "BOOKED", "{:#}", mine.body);
}
