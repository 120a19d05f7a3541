//! Loyalty, who does what: every operation as every role of the demo workshop (ADMIN manages
//! programs; ADMIN and OPERATOR apply rewards; MECHANIC, PARTNER and anonymous callers neither;
//! a CUSTOMER sees their own progress), another workshop's ids, and the demo's programs.

use serde_json::{Value, json};

use crate::demo::demo_sign_in;
use crate::helpers::{CNPJ_B, Options, Response, TestApp};
use crate::loyalty::{
    APPLY, END, ORDER_LOYALTY, PAUSE, PROGRAMS, PROGRESS, REMOVE, RESUME, UPDATE, points_program, service,
};
use crate::service_order_access::{FORBIDDEN, NOT_FOUND, OK, ROLES, UNAUTHENTICATED};

/// Each operation's outcome per role.
#[rustfmt::skip]
const TABLE: &[(&str, [&str; 6])] = &[
    //                        ADMIN  OPERATOR   MECHANIC   CUSTOMER   PARTNER    ANONYMOUS
    ("loyaltyPrograms",      [OK,   OK,        FORBIDDEN, FORBIDDEN, FORBIDDEN, UNAUTHENTICATED]),
    ("orderLoyalty",         [OK,   OK,        FORBIDDEN, FORBIDDEN, FORBIDDEN, UNAUTHENTICATED]),
    ("customer.loyalty",     [OK,   OK,        OK,        FORBIDDEN, FORBIDDEN, UNAUTHENTICATED]),
    ("myCustomer.loyalty",   [FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, FORBIDDEN, UNAUTHENTICATED]),
    ("createLoyaltyProgram", [OK,   FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, UNAUTHENTICATED]),
    ("updateLoyaltyProgram", [OK,   FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, UNAUTHENTICATED]),
    ("pauseLoyaltyProgram",  [OK,   FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, UNAUTHENTICATED]),
    ("resumeLoyaltyProgram", [OK,   FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, UNAUTHENTICATED]),
    ("endLoyaltyProgram",    [OK,   FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, UNAUTHENTICATED]),
    ("applyLoyaltyReward",   [OK,   OK,        FORBIDDEN, FORBIDDEN, FORBIDDEN, UNAUTHENTICATED]),
    ("removeLoyaltyReward",  [OK,   OK,        FORBIDDEN, FORBIDDEN, FORBIDDEN, UNAUTHENTICATED]),
];

fn expected(operation: &str, column: usize) -> &'static str {
    let (_, row) = TABLE.iter().find(|(name, _)| *name == operation).unwrap_or_else(|| panic!("{operation}"));
    row[column]
}

const CUSTOMER_LOYALTY: &str = "query($id: ID!) { customer(id: $id) { loyalty { points programs { id } } } }";

/// The demo customer (Carlos): customer id and first vehicle.
async fn carlos(app: &TestApp, token: &str) -> (String, String) {
    let me = app.graphql("{ myCustomer { id vehicles { id } } }", json!({}), Some(token)).await;
    let me = &me.data()["myCustomer"];
    (me["id"].as_str().unwrap().to_owned(), me["vehicles"][0]["id"].as_str().unwrap().to_owned())
}

fn order_input(customer: &str, vehicle: &str, service: &str) -> Value {
    json!({ "input": { "customerId": customer, "vehicleId": vehicle, "mechanicId": null, "odometerKm": null,
        "discountCents": 0, "taxesCents": 0, "items": [{ "serviceId": service, "quantity": 1 }] } })
}

async fn new_order(app: &TestApp, admin: &str, customer: &str, vehicle: &str, service: &str) -> String {
    let created = app.op("CreateServiceOrder", order_input(customer, vehicle, service), Some(admin)).await;
    created.data()["createServiceOrder"]["id"].as_str().unwrap().to_owned()
}

fn id_of(response: &Response, field: &str) -> String {
    response.data()[field]["id"].as_str().unwrap().to_owned()
}

#[tokio::test(flavor = "multi_thread")]
async fn role_matrix() {
    let app = TestApp::spawn_with(Options { demo: true, ..Options::default() }).await;
    let demo = |email: &'static str| demo_sign_in(&app, email);
    let admin = demo("admin@demo.oficina.app").await;
    let customer = demo("cliente@demo.oficina.app").await;
    let (carlos_id, car) = carlos(&app, &customer).await;
    // A program whose reward Carlos reaches with one order, so rewards can be applied.
    let program = app.op("CreateLoyaltyProgram", json!({ "input": points_program(1) }), Some(&admin)).await;
    let program = id_of(&program, "createLoyaltyProgram");
    let labour = service(&app, &admin, 10_000).await;
    let done = new_order(&app, &admin, &carlos_id, &car, &labour).await;
    app.op("StartServiceOrder", json!({ "id": done }), Some(&admin)).await.data();
    let payment = json!({ "method": "PIX", "installments": 1, "firstDueDate": "2026-12-10" });
    app.op("FinishServiceOrder", json!({ "id": done, "payment": payment }), Some(&admin)).await.data();
    let tokens = [
        Some(admin.clone()),
        Some(demo("operador@demo.oficina.app").await),
        Some(demo("mecanica@demo.oficina.app").await),
        Some(customer.clone()),
        Some(demo("parceiro@demo.oficina.app").await),
        None,
    ];
    for (column, (role, token)) in ROLES.iter().zip(&tokens).enumerate() {
        let token = token.as_deref();
        let open = new_order(&app, &admin, &carlos_id, &car, &labour).await;
        let throwaway =
            app.op("CreateLoyaltyProgram", json!({ "input": points_program(50) }), Some(&admin)).await;
        let throwaway = id_of(&throwaway, "createLoyaltyProgram");
        let mut outcomes: Vec<(&str, Response)> = vec![
            ("loyaltyPrograms", app.graphql(PROGRAMS, json!({}), token).await),
            ("orderLoyalty", app.graphql(ORDER_LOYALTY, json!({ "id": open }), token).await),
            ("customer.loyalty", app.graphql(CUSTOMER_LOYALTY, json!({ "id": carlos_id }), token).await),
            ("myCustomer.loyalty", app.graphql(PROGRESS, json!({}), token).await),
        ];
        let events = app.event_count().await;
        let create = json!({ "input": points_program(10) });
        let update = json!({ "id": throwaway, "input": points_program(60) });
        outcomes.push(("createLoyaltyProgram", app.op("CreateLoyaltyProgram", create, token).await));
        outcomes.push(("updateLoyaltyProgram", app.graphql(UPDATE, update, token).await));
        outcomes.push(("pauseLoyaltyProgram", app.graphql(PAUSE, json!({ "id": throwaway }), token).await));
        if column != 0 {
            app.graphql(PAUSE, json!({ "id": throwaway }), Some(&admin)).await.data();
        }
        outcomes.push(("resumeLoyaltyProgram", app.graphql(RESUME, json!({ "id": throwaway }), token).await));
        outcomes.push(("endLoyaltyProgram", app.graphql(END, json!({ "id": throwaway }), token).await));
        let applied = app.graphql(APPLY, json!({ "order": open, "program": program }), token).await;
        let reward = if applied.body.get("errors").is_none() {
            id_of(&applied, "applyLoyaltyReward")
        } else {
            let by_admin =
                app.graphql(APPLY, json!({ "order": open, "program": program }), Some(&admin)).await;
            id_of(&by_admin, "applyLoyaltyReward")
        };
        outcomes.push(("applyLoyaltyReward", applied));
        let removed = app.graphql(REMOVE, json!({ "id": reward }), token).await;
        if removed.body.get("errors").is_some() {
            app.graphql(REMOVE, json!({ "id": reward }), Some(&admin)).await.data();
        }
        outcomes.push(("removeLoyaltyReward", removed));
        assert_eq!(outcomes.len(), TABLE.len());
        let writes = &outcomes[4..];
        let allowed = writes.iter().filter(|(name, _)| expected(name, column) == OK).count() as i64;
        // Each allowed write records one event; the admin's pause for the resume, the admin's
        // application and removal of a reward for roles that may not, one each.
        let by_admin =
            if column == 0 { 0 } else { 1 } + i64::from(expected("applyLoyaltyReward", column) != OK) * 2;
        assert_eq!(app.event_count().await - events, allowed + by_admin, "{role}");
        for (name, response) in &outcomes {
            match expected(name, column) {
                OK => assert!(response.body.get("errors").is_none(), "{role} {name}: {:#}", response.body),
                code => response.assert_error(code, None),
            }
        }
        if column == 3 {
            let mine = &outcomes[3].1.data()["myCustomer"]["loyalty"]["programs"];
            assert!(mine.as_array().unwrap().iter().any(|p| p["id"] == program.as_str()), "{mine:#}");
        }
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn another_workshops_ids_are_not_found() {
    let app = TestApp::spawn_with(Options { demo: true, ..Options::default() }).await;
    let admin = demo_sign_in(&app, "admin@demo.oficina.app").await;
    let customer = demo_sign_in(&app, "cliente@demo.oficina.app").await;
    let (carlos_id, car) = carlos(&app, &customer).await;
    let program = app.op("CreateLoyaltyProgram", json!({ "input": points_program(1) }), Some(&admin)).await;
    let program = id_of(&program, "createLoyaltyProgram");
    let labour = service(&app, &admin, 10_000).await;
    let done = new_order(&app, &admin, &carlos_id, &car, &labour).await;
    app.op("StartServiceOrder", json!({ "id": done }), Some(&admin)).await.data();
    let payment = json!({ "method": "PIX", "installments": 1, "firstDueDate": "2026-12-10" });
    app.op("FinishServiceOrder", json!({ "id": done, "payment": payment }), Some(&admin)).await.data();
    let open = new_order(&app, &admin, &carlos_id, &car, &labour).await;
    let reward = app.graphql(APPLY, json!({ "order": open, "program": program }), Some(&admin)).await;
    let reward = id_of(&reward, "applyLoyaltyReward");

    let other = app.register(CNPJ_B, "b@example.com").await;
    let own = crate::scheduling::customer(&app, &other, 7).await;
    let own_labour = service(&app, &other, 10_000).await;
    let own_order = new_order(&app, &other, &own.0, &own.1, &own_labour).await;
    let events = app.event_count().await;
    let tries = [
        (
            "update",
            app.graphql(UPDATE, json!({ "id": program, "input": points_program(5) }), Some(&other)).await,
        ),
        ("pause", app.graphql(PAUSE, json!({ "id": program }), Some(&other)).await),
        ("resume", app.graphql(RESUME, json!({ "id": program }), Some(&other)).await),
        ("end", app.graphql(END, json!({ "id": program }), Some(&other)).await),
        ("apply", app.graphql(APPLY, json!({ "order": open, "program": program }), Some(&other)).await),
        (
            "apply own order",
            app.graphql(APPLY, json!({ "order": own_order, "program": program }), Some(&other)).await,
        ),
        ("remove", app.graphql(REMOVE, json!({ "id": reward }), Some(&other)).await),
        ("orderLoyalty", app.graphql(ORDER_LOYALTY, json!({ "id": open }), Some(&other)).await),
        ("malformed", app.graphql(PAUSE, json!({ "id": "abc" }), Some(&other)).await),
    ];
    for (what, response) in &tries {
        assert_eq!(response.code(), NOT_FOUND, "{what}: {:#}", response.body);
    }
    assert_eq!(app.event_count().await, events);
    let theirs = app.graphql(PROGRAMS, json!({ "all": true }), Some(&other)).await;
    assert_eq!(theirs.data()["loyaltyPrograms"], json!([]));
    let mine = app.graphql(ORDER_LOYALTY, json!({ "id": open }), Some(&admin)).await;
    assert_eq!(mine.data()["orderLoyalty"]["applied"][0]["id"], reward.as_str());
}

/// The demo has a program of each kind, started months ago, with its customers at different
/// points of them.
#[tokio::test(flavor = "multi_thread")]
async fn the_demo_has_a_program_of_each_kind_with_progress() {
    let app = TestApp::spawn_with(Options { demo: true, ..Options::default() }).await;
    let admin = demo_sign_in(&app, "admin@demo.oficina.app").await;
    let programs = app.graphql(PROGRAMS, json!({}), Some(&admin)).await;
    let kinds: Vec<Value> =
        programs.data()["loyaltyPrograms"].as_array().unwrap().iter().map(|p| p["kind"].clone()).collect();
    assert_eq!(kinds, [json!("POINTS"), json!("VISITS")]);
    let list =
        "{ customers(first: 50) { edges { node { loyalty { points programs { kind progress } } } } } }";
    let customers = app.graphql(list, json!({}), Some(&admin)).await;
    let points: std::collections::BTreeSet<i64> = customers.data()["customers"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["loyalty"]["points"].as_i64().unwrap())
        .collect();
    assert!(points.len() >= 3, "customers at different points: {points:?}");
}
