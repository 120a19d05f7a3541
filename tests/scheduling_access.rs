//! Scheduling, who sees and does what: roles × operations, another workshop's ids, who receives
//! which live change (on one node, or across two with Redis), and the statement counts of the
//! agenda, of a customer's list and of the customer list with no-shows.

use std::time::Duration;

use serde_json::{Value, json};

use crate::helpers::ws::WsClient;
use crate::helpers::{CNPJ_A, CNPJ_B, Options, Response, TestApp, redis_available};
use crate::scheduling::{MINE, ONE, RESCHEDULE, at, book, booked, customer, move_to, shop, weekday_ahead};
use crate::service_order_access::{FORBIDDEN, NOT_FOUND, OK, ROLES, UNAUTHENTICATED};

/// Each operation's outcome per role. "mine" is an appointment of the signed-in customer (Carlos);
/// "other" is another customer's.
#[rustfmt::skip]
const TABLE: &[(&str, [&str; 6])] = &[
    //                              ADMIN  OPERATOR   MECHANIC   CUSTOMER   PARTNER    ANONYMOUS
    ("calendarSettings",            [OK,   OK,        FORBIDDEN, FORBIDDEN, FORBIDDEN, UNAUTHENTICATED]),
    ("availableSlots",              [OK,   OK,        OK,        OK,        FORBIDDEN, UNAUTHENTICATED]),
    ("availableDays",               [OK,   OK,        OK,        OK,        FORBIDDEN, UNAUTHENTICATED]),
    ("upcomingAppointments",        [OK,   OK,        OK,        FORBIDDEN, FORBIDDEN, UNAUTHENTICATED]),
    ("myAppointments",              [FORBIDDEN, FORBIDDEN, FORBIDDEN, OK,   FORBIDDEN, UNAUTHENTICATED]),
    ("appointment(mine)",           [OK,   OK,        OK,        OK,        FORBIDDEN, UNAUTHENTICATED]),
    ("appointment(other)",          [OK,   OK,        OK,        NOT_FOUND, FORBIDDEN, UNAUTHENTICATED]),
    ("updateCalendarSettings",      [OK,   FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, UNAUTHENTICATED]),
    ("bookAppointment(mine)",       [OK,   OK,        FORBIDDEN, OK,        FORBIDDEN, UNAUTHENTICATED]),
    ("rescheduleAppointment(mine)", [OK,   OK,        FORBIDDEN, OK,        FORBIDDEN, UNAUTHENTICATED]),
    ("rescheduleAppointment(other)",[OK,   OK,        FORBIDDEN, NOT_FOUND, FORBIDDEN, UNAUTHENTICATED]),
    ("cancelAppointment(mine)",     [OK,   OK,        FORBIDDEN, OK,        FORBIDDEN, UNAUTHENTICATED]),
    ("cancelAppointment(other)",    [OK,   OK,        FORBIDDEN, NOT_FOUND, FORBIDDEN, UNAUTHENTICATED]),
    ("markAttendance(mine)",        [OK,   OK,        FORBIDDEN, FORBIDDEN, FORBIDDEN, UNAUTHENTICATED]),
];

fn expected(operation: &str, column: usize) -> &'static str {
    let (_, row) = TABLE.iter().find(|(name, _)| *name == operation).unwrap_or_else(|| panic!("{operation}"));
    row[column]
}

const DAYS: &str = "query($from: Date!, $to: Date!) { availableDays(from: $from, to: $to) }";
const CALENDAR: &str = "{ calendarSettings { timeZone bays } }";

/// Every scheduling operation as every role of the demo workshop, on fresh appointments each
/// time: an operation a role may not do is refused with the table's code and writes nothing.
#[tokio::test(flavor = "multi_thread")]
async fn role_matrix() {
    let app = TestApp::spawn_with(Options { demo: true, ..Options::default() }).await;
    let demo = |email: &'static str| {
        let app = &app;
        async move {
            let response =
                app.op("SignIn", json!({ "email": email, "password": "oficina-demo" }), None).await;
            response.data()["signIn"]["token"].as_str().unwrap().to_owned()
        }
    };
    let admin = demo("admin@demo.oficina.app").await;
    let carlos_token = demo("cliente@demo.oficina.app").await;
    let carlos = app.graphql("{ myCustomer { id vehicles { id } } }", json!({}), Some(&carlos_token)).await;
    let carlos_vehicle = carlos.data()["myCustomer"]["vehicles"][0]["id"].as_str().unwrap().to_owned();
    let (_, other_vehicle, _) = customer(&app, &admin, 7).await;
    let tokens = [
        Some(admin.clone()),
        Some(demo("operador@demo.oficina.app").await),
        Some(demo("mecanica@demo.oficina.app").await),
        Some(carlos_token.clone()),
        Some(demo("parceiro@demo.oficina.app").await),
        None,
    ];
    let calendar = app.graphql("{ calendarSettings { timeZone slotMinutes bays closedDates openingHours { weekday opens closes } } }", json!({}), Some(&admin)).await;
    let mut calendar = calendar.data()["calendarSettings"].clone();
    // Fresh slots for every column: one day each, well after the demo's bookings.
    for (column, (role, token)) in ROLES.iter().zip(&tokens).enumerate() {
        let token = token.as_deref();
        let day = weekday_ahead(6 + column);
        // Carlos starts each column with no upcoming appointment.
        let mine_list = app.graphql(MINE, json!({}), Some(&carlos_token)).await;
        for a in mine_list.data()["myAppointments"].as_array().unwrap() {
            if a["status"] == "BOOKED" {
                app.op("CancelAppointment", json!({ "id": a["id"] }), Some(&admin)).await.data();
            }
        }
        let mine_read = booked(&app, &admin, &carlos_vehicle, &at(day, 8)).await;
        let other = booked(&app, &admin, &other_vehicle, &at(day, 8)).await;
        let reads: Vec<(&str, Response)> = vec![
            ("calendarSettings", app.graphql(CALENDAR, json!({}), token).await),
            ("availableSlots", app.op("AvailableSlots", json!({ "date": day.to_string() }), token).await),
            (
                "availableDays",
                app.graphql(DAYS, json!({ "from": day.to_string(), "to": day.to_string() }), token).await,
            ),
            (
                "upcomingAppointments",
                app.op("UpcomingAppointments", json!({ "from": at(day, 0), "to": at(day, 23) }), token).await,
            ),
            ("myAppointments", app.graphql(MINE, json!({}), token).await),
            ("appointment(mine)", app.graphql(ONE, json!({ "id": mine_read }), token).await),
            ("appointment(other)", app.graphql(ONE, json!({ "id": other }), token).await),
        ];
        // Carlos has one future appointment here: his own booking is within his limit of two
        // (staff book the others below, which the limit does not stop).
        let events = app.event_count().await;
        let booking = json!({ "input": { "vehicleId": carlos_vehicle, "startsAt": at(day, 13) } });
        let own = app.op("BookAppointment", booking, token).await;
        let written_by_booking = app.event_count().await - events;
        let (to_move, to_cancel, to_mark) = (
            booked(&app, &admin, &carlos_vehicle, &at(day, 9)).await,
            booked(&app, &admin, &carlos_vehicle, &at(day, 10)).await,
            booked(&app, &admin, &carlos_vehicle, &at(day, 11)).await,
        );
        let (other_move, other_cancel) = (
            booked(&app, &admin, &other_vehicle, &at(day, 9)).await,
            booked(&app, &admin, &other_vehicle, &at(day, 10)).await,
        );
        calendar["bays"] = json!(2 + column);
        let events = app.event_count().await;
        let writes: Vec<(&str, Response)> = vec![
            (
                "updateCalendarSettings",
                app.op("UpdateCalendarSettings", json!({ "input": calendar }), token).await,
            ),
            (
                "rescheduleAppointment(mine)",
                app.graphql(RESCHEDULE, json!({ "id": to_move, "startsAt": at(day, 14) }), token).await,
            ),
            (
                "rescheduleAppointment(other)",
                app.graphql(RESCHEDULE, json!({ "id": other_move, "startsAt": at(day, 15) }), token).await,
            ),
            ("cancelAppointment(mine)", app.op("CancelAppointment", json!({ "id": to_cancel }), token).await),
            (
                "cancelAppointment(other)",
                app.op("CancelAppointment", json!({ "id": other_cancel }), token).await,
            ),
            (
                "markAttendance(mine)",
                app.op("MarkAttendance", json!({ "id": to_mark, "attended": true }), token).await,
            ),
        ];
        let allowed = writes.iter().filter(|(name, _)| expected(name, column) == OK).count() as i64;
        assert_eq!(app.event_count().await, events + allowed, "{role}: only allowed changes were written");
        let booking_allowed = expected("bookAppointment(mine)", column) == OK;
        assert_eq!(written_by_booking, i64::from(booking_allowed), "{role}: the booking's event");
        let outcomes: Vec<(&str, Response)> =
            reads.into_iter().chain(std::iter::once(("bookAppointment(mine)", own))).chain(writes).collect();
        assert_eq!(outcomes.len(), TABLE.len());
        for (name, response) in &outcomes {
            match expected(name, column) {
                OK => assert!(response.body.get("errors").is_none(), "{role} {name}: {:#}", response.body),
                code => response.assert_error(code, None),
            }
        }
        if expected("upcomingAppointments", column) == OK {
            let list = outcomes[3].1.data()["upcomingAppointments"].as_array().unwrap().len();
            assert_eq!(list, 2, "{role}: the day's two appointments");
        }
    }
}

/// Every id of another workshop is NOT_FOUND, and nothing changes on either side.
#[tokio::test(flavor = "multi_thread")]
async fn another_workshops_ids_are_not_found() {
    let app = TestApp::spawn().await;
    let a = shop(&app, CNPJ_A, "a@example.com", 1).await;
    let b = shop(&app, CNPJ_B, "b@example.com", 2).await;
    let day = weekday_ahead(2);
    let theirs = booked(&app, &b.admin, &b.vehicle, &at(day, 8)).await;
    let events = app.event_count().await;
    for token in [&a.admin, &a.customer] {
        app.graphql(ONE, json!({ "id": theirs }), Some(token)).await.assert_error(NOT_FOUND, None);
        app.op("CancelAppointment", json!({ "id": theirs }), Some(token)).await.assert_error(NOT_FOUND, None);
        let moved =
            app.graphql(RESCHEDULE, json!({ "id": theirs, "startsAt": at(day, 9) }), Some(token)).await;
        moved.assert_error(NOT_FOUND, None);
        book(&app, token, &b.vehicle, &at(day, 9)).await.assert_error(NOT_FOUND, None);
    }
    app.op("MarkAttendance", json!({ "id": theirs, "attended": true }), Some(&a.admin))
        .await
        .assert_error(NOT_FOUND, None);
    app.graphql(ONE, json!({ "id": "not-a-number" }), Some(&a.admin)).await.assert_error(NOT_FOUND, None);
    let list = app
        .op("UpcomingAppointments", json!({ "from": at(day, 0), "to": at(day, 23) }), Some(&a.admin))
        .await;
    assert_eq!(list.data()["upcomingAppointments"], json!([]));
    assert_eq!(app.event_count().await, events, "nothing was written");
    let still = app.graphql(ONE, json!({ "id": theirs }), Some(&b.admin)).await;
    assert_eq!(still.data()["appointment"]["status"], "BOOKED");
}

struct Watcher {
    name: &'static str,
    client: WsClient,
}

async fn watch(addr: std::net::SocketAddr, name: &'static str, token: &str) -> Watcher {
    let mut client = WsClient::signed_in(addr, token).await;
    let document = crate::helpers::contract::operation("AppointmentChanged");
    client.subscribe("1", &document).await;
    Watcher { name, client }
}

impl Watcher {
    /// Asserts the next message is `change` of appointment `id`.
    async fn expect(&mut self, id: &str, change: &str) {
        let next = self.client.next_within(Duration::from_secs(5)).await;
        let next = next.unwrap_or_else(|| panic!("{} got nothing for {id} {change}", self.name));
        let event = &next["payload"]["data"]["appointmentChanged"];
        assert_eq!(
            (event["change"].as_str(), event["appointment"]["id"].as_str()),
            (Some(change), Some(id)),
            "{}: {next}",
            self.name
        );
    }

    async fn expect_nothing(&mut self) {
        self.client.expect_nothing(self.name).await;
    }
}

/// Staff receive every change of their workshop, a customer only their own appointments', another
/// workshop none; on one node, or with Redis across two (a booking on node A reaches node B).
#[tokio::test(flavor = "multi_thread")]
async fn each_subscriber_receives_only_the_appointments_they_may_see() {
    let nodes = if redis_available() { crate::live::two_nodes_sharing_redis().await } else { None };
    let single;
    let (app, watched) = match &nodes {
        Some((node_a, node_b)) => (node_a, node_b),
        None => {
            single = TestApp::spawn().await;
            (&single, &single)
        }
    };
    let a = shop(app, CNPJ_A, "a@example.com", 1).await;
    let (_, vehicle_2, customer_2) = customer(app, &a.admin, 2).await;
    let b = shop(app, CNPJ_B, "b@example.com", 3).await;
    let mechanic = app.add_staff(&a.admin, "mec@example.com", "MECHANIC").await;
    let addr = watched.serve().await;
    let mut staff = watch(addr, "admin A", &a.admin).await;
    let mut mech = watch(addr, "mechanic A", &mechanic).await;
    let mut one = watch(addr, "customer 1", &a.customer).await;
    let mut two = watch(addr, "customer 2", &customer_2).await;
    let mut other = watch(addr, "admin B", &b.admin).await;
    tokio::time::sleep(Duration::from_millis(300)).await;

    let day = weekday_ahead(2);
    let first = booked(app, &a.customer, &a.vehicle, &at(day, 8)).await;
    for w in [&mut staff, &mut mech, &mut one] {
        w.expect(&first, "BOOKED").await;
    }
    let second = booked(app, &a.admin, &vehicle_2, &at(day, 8)).await;
    for w in [&mut staff, &mut mech, &mut two] {
        w.expect(&second, "BOOKED").await;
    }
    app.graphql(RESCHEDULE, json!({ "id": first, "startsAt": at(day, 9) }), Some(&a.customer)).await.data();
    for w in [&mut staff, &mut mech, &mut one] {
        w.expect(&first, "RESCHEDULED").await;
    }
    app.op("CancelAppointment", json!({ "id": second }), Some(&customer_2)).await.data();
    for w in [&mut staff, &mut mech, &mut two] {
        w.expect(&second, "CANCELLED").await;
    }
    move_to(app, &first, chrono::Utc::now() - chrono::Duration::hours(1)).await;
    app.op("MarkAttendance", json!({ "id": first, "attended": false }), Some(&a.admin)).await.data();
    for w in [&mut staff, &mut mech, &mut one] {
        w.expect(&first, "NO_SHOW").await;
    }
    let theirs = booked(app, &b.admin, &b.vehicle, &at(day, 8)).await;
    other.expect(&theirs, "BOOKED").await;
    // A refused change publishes nothing.
    app.op("CancelAppointment", json!({ "id": second }), Some(&a.admin))
        .await
        .assert_error("CONFLICT", Some("id"));
    for w in [&mut staff, &mut mech, &mut one, &mut two, &mut other] {
        w.expect_nothing().await;
    }
}

/// The agenda, a customer's list and the customer list with no-shows and upcoming appointments
/// cost the same statements for 2 appointments (customers) as for 6.
#[tokio::test(flavor = "multi_thread")]
async fn lists_do_not_grow_queries_with_their_length() {
    let app = TestApp::counting_statements().await;
    let s = shop(&app, CNPJ_A, "a@example.com", 1).await;
    let day = weekday_ahead(2);
    let (from, to) = (at(day, 0), at(day, 23));
    let agenda = "query($from: DateTime!, $to: DateTime!) { upcomingAppointments(from: $from, to: $to) { \
        id status attendanceMarkedBy canCancel customer { name noShowCount } vehicle { plate } } }";
    let mine = "{ myAppointments { id status canCancel customer { name } vehicle { plate } } }";
    let list =
        "{ customers(first: 50) { edges { node { id name noShowCount upcomingAppointments { id } } } } }";
    let window = json!({ "from": from, "to": to });
    let count = |query: &'static str, variables: Value, token: String, expected: usize| {
        let app = &app;
        async move {
            app.fewest_statements(query, variables, &token, |response| {
                let data: &Value = response.data().as_object().unwrap().values().next().unwrap();
                let items = data.get("edges").unwrap_or(data).as_array().unwrap().len();
                assert_eq!(items, expected, "{:#}", response.body);
            })
            .await
        }
    };
    let mut vehicles = vec![s.vehicle.clone()];
    for n in 2..=6 {
        vehicles.push(customer(&app, &s.admin, n).await.1);
    }
    // One appointment on the day per customer; every other customer also missed one earlier.
    const HOURS: [u32; 6] = [8, 9, 10, 11, 13, 16];
    let add = async |i: usize| {
        let id = booked(&app, &s.admin, &vehicles[i], &at(day, HOURS[i])).await;
        if i % 2 == 1 {
            move_to(&app, &id, chrono::Utc::now() - chrono::Duration::hours(i as i64)).await;
            app.op("MarkAttendance", json!({ "id": id, "attended": false }), Some(&s.admin)).await.data();
            booked(&app, &s.admin, &vehicles[i], &at(day, HOURS[i])).await;
        }
    };
    // The customer's own list grows too: customer 1 books its own.
    booked(&app, &s.customer, &s.vehicle, &at(day, 14)).await;
    for i in 0..2 {
        add(i).await;
    }
    let small = (
        count(agenda, window.clone(), s.admin.clone(), 3).await,
        count(mine, json!({}), s.customer.clone(), 2).await,
        count(list, json!({}), s.admin.clone(), 6).await,
    );
    booked(&app, &s.admin, &s.vehicle, &at(day, 15)).await;
    for i in 2..6 {
        add(i).await;
    }
    let large = (
        count(agenda, window.clone(), s.admin.clone(), 8).await,
        count(mine, json!({}), s.customer.clone(), 3).await,
        count(list, json!({}), s.admin.clone(), 6).await,
    );
    assert_eq!(large, small, "(agenda, mine, customer list) statements, short vs long");
    let customers = app.graphql(list, json!({}), Some(&s.admin)).await;
    let no_shows: i64 = customers.data()["customers"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["noShowCount"].as_i64().unwrap())
        .sum();
    assert_eq!(no_shows, 3, "customers 2, 4 and 6 each missed one");
}
