//! Loyalty (contract: partners.graphql's CreateLoyaltyProgram, portal.graphql's MyPortal
//! `loyalty`): points on finish, rounded down per order, and their reversal when an order no
//! longer counts; VISITS rewards at the n-th visit and their e-mail, once; rewards applied to
//! an open order once (also under a race) and given back on removal or cancellation; paused and
//! ended programs; bad inputs; and the statement count of a customer list with loyalty.

use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use oficina_domain::schema::{loyalty_notices, notifications, service_orders};
use serde_json::{Value, json};

use crate::helpers::{CNPJ_A, TestApp};
use crate::nps::finished_order;
use crate::scheduling::{Shop, customer, shop};

pub(crate) const PROGRESS: &str = "{ myCustomer { loyalty { points programs { id name description progress \
    kind status points visits target rewardDescription rewardsAvailable rewardsUsed } } } }";
pub(crate) const APPLY: &str = "mutation($order: ID!, $program: ID!) { \
    applyLoyaltyReward(serviceOrderId: $order, programId: $program) { id discountCents pointsSpent programId } }";
pub(crate) const REMOVE: &str = "mutation($id: ID!) { removeLoyaltyReward(id: $id) { id } }";
pub(crate) const UPDATE: &str = "mutation($id: ID!, $input: LoyaltyProgramInput!) { \
    updateLoyaltyProgram(id: $id, input: $input) { id name rewardPoints status } }";
pub(crate) const PAUSE: &str = "mutation($id: ID!) { pauseLoyaltyProgram(id: $id) { id status } }";
pub(crate) const RESUME: &str = "mutation($id: ID!) { resumeLoyaltyProgram(id: $id) { id status } }";
pub(crate) const END: &str = "mutation($id: ID!) { endLoyaltyProgram(id: $id) { id status endedAt } }";
pub(crate) const PROGRAMS: &str = "query($all: Boolean) { loyaltyPrograms(includeEnded: $all) { id name kind \
    status pointsPerReal rewardPoints visitsForReward rewardDescription rewardCents } }";
pub(crate) const ORDER_LOYALTY: &str = "query($id: ID!) { orderLoyalty(serviceOrderId: $id) { \
    applied { id programId discountCents } customer { points programs { id rewardsAvailable } } } }";
const ORDER: &str = "query($id: ID!) { serviceOrder(id: $id) { status discountCents finalCents } }";

/// The contract's POINTS example, with `reward_points`.
pub(crate) fn points_program(reward_points: i64) -> Value {
    json!({ "name": "Pontos", "kind": "POINTS", "pointsPerReal": 1, "rewardPoints": reward_points,
        "rewardDescription": "Lavagem grátis", "rewardCents": 5000 })
}

/// The contract's VISITS example, with `visits`.
pub(crate) fn visits_program(visits: i64) -> Value {
    json!({ "name": "5ª revisão grátis", "kind": "VISITS", "visitsForReward": visits,
        "rewardDescription": "Revisão grátis" })
}

/// Creates a program through the contract's CreateLoyaltyProgram; its id.
pub(crate) async fn program(app: &TestApp, admin: &str, input: Value) -> String {
    let created = app.op("CreateLoyaltyProgram", json!({ "input": input.clone() }), Some(admin)).await;
    let data = &created.data()["createLoyaltyProgram"];
    assert_eq!(data["name"], input["name"]);
    assert_eq!(data["kind"], input["kind"]);
    data["id"].as_str().unwrap().to_owned()
}

/// A service priced `cents`, to put on orders.
pub(crate) async fn service(app: &TestApp, admin: &str, cents: i64) -> String {
    let input = json!({ "reference": format!("FID-{cents}"), "name": "Revisão", "priceCents": cents });
    let created = app.op("CreateService", json!({ "input": input }), Some(admin)).await;
    created.data()["createService"]["id"].as_str().unwrap().to_owned()
}

/// An open (QUOTE) order of the shop's customer with `service` once; its id.
pub(crate) async fn open_order(app: &TestApp, s: &Shop, service: &str) -> String {
    let input = json!({ "customerId": s.customer_id, "vehicleId": s.vehicle, "mechanicId": null,
        "odometerKm": 1100, "discountCents": 0, "taxesCents": 0,
        "items": [{ "serviceId": service, "quantity": 1 }] });
    let created = app.op("CreateServiceOrder", json!({ "input": input }), Some(&s.admin)).await;
    created.data()["createServiceOrder"]["id"].as_str().unwrap().to_owned()
}

/// The customer's standing in program `id`, as they see it.
pub(crate) async fn standing(app: &TestApp, customer: &str, id: &str) -> Value {
    let me = app.graphql(PROGRESS, json!({}), Some(customer)).await;
    let programs = me.data()["myCustomer"]["loyalty"]["programs"].as_array().unwrap().clone();
    programs.into_iter().find(|p| p["id"] == id).unwrap_or(Value::Null)
}

async fn order(app: &TestApp, admin: &str, id: &str) -> Value {
    app.graphql(ORDER, json!({ "id": id }), Some(admin)).await.data()["serviceOrder"].clone()
}

/// How many "Sua próxima revisão é grátis" e-mails were queued.
async fn reward_mails(app: &TestApp) -> i64 {
    let mut pooled = app.state.db.get().await.unwrap();
    oficina_domain::run!(&mut pooled.conn(), |c| {
        notifications::table.filter(notifications::kind.eq("LOYALTY_REWARD")).count().get_result(c).await
    })
    .unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn points_accrue_per_whole_real_and_a_reward_goes_on_an_open_order_once() {
    let app = TestApp::spawn().await;
    let s = shop(&app, CNPJ_A, "a@example.com", 1).await;
    let none = app.op("MyPortal", json!({}), Some(&s.customer)).await;
    assert_eq!(none.data()["myCustomer"]["loyalty"], json!({ "points": 0, "programs": [] }));
    let id = program(&app, &s.admin, points_program(200)).await;
    // R$ 120,99: 120 points, the centavos rounded down.
    let labour = service(&app, &s.admin, 12_099).await;
    finished_order(&app, &s.admin, &s.customer_id, &s.vehicle, &labour, None).await;
    let one = standing(&app, &s.customer, &id).await;
    assert_eq!(
        (one["points"].clone(), one["visits"].clone(), one["rewardsAvailable"].clone()),
        (json!(120), json!(1), json!(0))
    );
    assert_eq!(one["progress"], json!(0.6));
    assert_eq!(one["target"], 200);
    let open = open_order(&app, &s, &labour).await;
    let early = app.graphql(APPLY, json!({ "order": open, "program": id }), Some(&s.admin)).await;
    early.assert_error("BAD_USER_INPUT", Some("programId"));
    finished_order(&app, &s.admin, &s.customer_id, &s.vehicle, &labour, None).await;
    let two = standing(&app, &s.customer, &id).await;
    assert_eq!(
        (two["points"].clone(), two["rewardsAvailable"].clone(), two["progress"].clone()),
        (json!(240), json!(1), json!(1.0))
    );
    let portal = app.op("MyPortal", json!({}), Some(&s.customer)).await;
    assert_eq!(portal.data()["myCustomer"]["loyalty"]["points"], 240);

    let applied = app.graphql(APPLY, json!({ "order": open, "program": id }), Some(&s.admin)).await;
    let reward = applied.data()["applyLoyaltyReward"].clone();
    assert_eq!((reward["discountCents"].clone(), reward["pointsSpent"].clone()), (json!(5000), json!(200)));
    assert_eq!(
        order(&app, &s.admin, &open).await,
        json!({ "status": "QUOTE", "discountCents": 5000, "finalCents": 7099 })
    );
    let used = standing(&app, &s.customer, &id).await;
    assert_eq!(
        (used["points"].clone(), used["rewardsUsed"].clone(), used["rewardsAvailable"].clone()),
        (json!(40), json!(1), json!(0))
    );
    let events = app.event_count().await;
    let twice = app.graphql(APPLY, json!({ "order": open, "program": id }), Some(&s.admin)).await;
    twice.assert_error("CONFLICT", Some("programId"));
    assert_eq!(app.event_count().await, events);
    let on_order = app.graphql(ORDER_LOYALTY, json!({ "id": open }), Some(&s.admin)).await;
    assert_eq!(on_order.data()["orderLoyalty"]["applied"][0]["id"], reward["id"]);

    // Removing it gives it back, and the discount goes.
    app.graphql(REMOVE, json!({ "id": reward["id"] }), Some(&s.admin)).await.data();
    assert_eq!(order(&app, &s.admin, &open).await["discountCents"], 0);
    assert_eq!(standing(&app, &s.customer, &id).await["points"], 240);
    // So does cancelling the order it is on.
    app.graphql(APPLY, json!({ "order": open, "program": id }), Some(&s.admin)).await.data();
    assert_eq!(standing(&app, &s.customer, &id).await["points"], 40);
    app.op("CancelServiceOrder", json!({ "id": open, "reason": "cliente desistiu" }), Some(&s.admin))
        .await
        .data();
    assert_eq!(standing(&app, &s.customer, &id).await["points"], 240);
    let gone = app.graphql(REMOVE, json!({ "id": reward["id"] }), Some(&s.admin)).await;
    gone.assert_error("NOT_FOUND", None);

    // A reward on an order that then finishes stays used.
    let kept = open_order(&app, &s, &labour).await;
    let reward = app.graphql(APPLY, json!({ "order": kept, "program": id }), Some(&s.admin)).await;
    let reward_id = reward.data()["applyLoyaltyReward"]["id"].clone();
    app.op("StartServiceOrder", json!({ "id": kept }), Some(&s.admin)).await.data();
    let payment = json!({ "method": "PIX", "installments": 1, "firstDueDate": "2026-12-10" });
    app.op("FinishServiceOrder", json!({ "id": kept, "payment": payment }), Some(&s.admin)).await.data();
    // 240 − 200 + 70 (R$ 70,99 after the discount).
    assert_eq!(standing(&app, &s.customer, &id).await["points"], 110);
    let finished = app.graphql(REMOVE, json!({ "id": reward_id }), Some(&s.admin)).await;
    finished.assert_error("BAD_USER_INPUT", Some("serviceOrderId"));

    // A finished order that no longer counts (cancelled) takes its points back.
    let first: i64 = kept.parse().unwrap();
    let mut pooled = app.state.db.get().await.unwrap();
    oficina_domain::run!(&mut pooled.conn(), |c| {
        diesel::update(service_orders::table.find(first))
            .set(service_orders::status.eq("CANCELLED"))
            .execute(c)
            .await
    })
    .unwrap();
    drop(pooled);
    let reversed = standing(&app, &s.customer, &id).await;
    assert_eq!((reversed["points"].clone(), reversed["visits"].clone()), (json!(40), json!(2)));
}

#[tokio::test(flavor = "multi_thread")]
async fn the_nth_visit_is_free_and_its_email_goes_once() {
    let app = TestApp::spawn().await;
    let s = shop(&app, CNPJ_A, "a@example.com", 1).await;
    let id = program(&app, &s.admin, visits_program(3)).await;
    let labour = service(&app, &s.admin, 15_000).await;
    finished_order(&app, &s.admin, &s.customer_id, &s.vehicle, &labour, None).await;
    let one = standing(&app, &s.customer, &id).await;
    assert_eq!(
        (one["visits"].clone(), one["progress"].clone(), one["rewardsAvailable"].clone()),
        (json!(1), json!(0.5), json!(0))
    );
    assert_eq!(reward_mails(&app).await, 0);
    finished_order(&app, &s.admin, &s.customer_id, &s.vehicle, &labour, None).await;
    let two = standing(&app, &s.customer, &id).await;
    assert_eq!(
        (two["visits"].clone(), two["progress"].clone(), two["rewardsAvailable"].clone()),
        (json!(2), json!(1.0), json!(1))
    );
    assert_eq!(reward_mails(&app).await, 1);
    let free = async || {
        let mail = app.mail_log();
        mail.into_iter().find(|m| m["subject"].as_str().unwrap_or_default().contains("é grátis"))
    };
    let letter = crate::helpers::wait_for(free, "the reward e-mail").await;
    assert_eq!(letter["to"], "cliente1@example.com");
    assert!(letter["text"].as_str().unwrap().contains("Revisão grátis"), "{letter:#}");

    // The third visit is the free one: its labour is the discount.
    let third = open_order(&app, &s, &labour).await;
    let applied = app.graphql(APPLY, json!({ "order": third, "program": id }), Some(&s.admin)).await;
    assert_eq!(applied.data()["applyLoyaltyReward"]["discountCents"], 15_000);
    assert_eq!(order(&app, &s.admin, &third).await["finalCents"], 0);
    app.op("StartServiceOrder", json!({ "id": third }), Some(&s.admin)).await.data();
    let payment = json!({ "method": "CASH", "installments": 1, "firstDueDate": "2026-12-10" });
    app.op("FinishServiceOrder", json!({ "id": third, "payment": payment }), Some(&s.admin)).await.data();
    let three = standing(&app, &s.customer, &id).await;
    assert_eq!(
        (
            three["visits"].clone(),
            three["progress"].clone(),
            three["rewardsAvailable"].clone(),
            three["rewardsUsed"].clone()
        ),
        (json!(3), json!(0.0), json!(0), json!(1))
    );
    // The next cycle: one more paid visit, then the next reward and its own e-mail.
    finished_order(&app, &s.admin, &s.customer_id, &s.vehicle, &labour, None).await;
    assert_eq!(reward_mails(&app).await, 1);
    finished_order(&app, &s.admin, &s.customer_id, &s.vehicle, &labour, None).await;
    assert_eq!(reward_mails(&app).await, 2);
    assert_eq!(standing(&app, &s.customer, &id).await["rewardsAvailable"], 1);

    // One notice per reward, whatever node tries again: the unique key refuses a second.
    let (workshop_id, customer_id): (i64, i64) =
        (app.workshop_id(&s.admin).await, s.customer_id.parse().unwrap());
    let program_id: i64 = id.parse().unwrap();
    let mut pooled = app.state.db.get().await.unwrap();
    let again = oficina_domain::run!(&mut pooled.conn(), |c| {
        diesel::insert_into(loyalty_notices::table)
            .values((
                loyalty_notices::workshop_id.eq(workshop_id),
                loyalty_notices::program_id.eq(program_id),
                loyalty_notices::customer_id.eq(customer_id),
                loyalty_notices::reward_number.eq(2i64),
                loyalty_notices::created_at.eq(chrono::Utc::now().naive_utc()),
            ))
            .execute(c)
            .await
    });
    assert!(again.is_err(), "a second notice of the same reward");
}

#[tokio::test(flavor = "multi_thread")]
async fn of_concurrent_applications_of_one_reward_exactly_one_wins() {
    let app = TestApp::spawn().await;
    let s = shop(&app, CNPJ_A, "a@example.com", 1).await;
    let id = program(&app, &s.admin, points_program(100)).await;
    let labour = service(&app, &s.admin, 12_000).await;
    finished_order(&app, &s.admin, &s.customer_id, &s.vehicle, &labour, None).await;
    // The same order ten times at once.
    let open = open_order(&app, &s, &labour).await;
    let tries = (0..10).map(|_| app.graphql(APPLY, json!({ "order": open, "program": id }), Some(&s.admin)));
    let outcomes = futures_util::future::join_all(tries).await;
    let won = outcomes.iter().filter(|r| r.body.get("errors").is_none()).count();
    assert_eq!(won, 1, "{:#?}", outcomes.iter().map(|r| r.body.clone()).collect::<Vec<_>>());
    for lost in outcomes.iter().filter(|r| r.body.get("errors").is_some()) {
        lost.assert_error("CONFLICT", Some("programId"));
    }
    assert_eq!(order(&app, &s.admin, &open).await["discountCents"], 5000);
    // One reward left for two orders at once: one gets it.
    let on_order = app.graphql(ORDER_LOYALTY, json!({ "id": open }), Some(&s.admin)).await;
    let applied = on_order.data()["orderLoyalty"]["applied"][0]["id"].clone();
    app.graphql(REMOVE, json!({ "id": applied }), Some(&s.admin)).await.data();
    let other = open_order(&app, &s, &labour).await;
    let (a, b) = tokio::join!(
        app.graphql(APPLY, json!({ "order": open, "program": id }), Some(&s.admin)),
        app.graphql(APPLY, json!({ "order": other, "program": id }), Some(&s.admin)),
    );
    let won = [&a, &b].iter().filter(|r| r.body.get("errors").is_none()).count();
    assert_eq!(won, 1, "{:#} {:#}", a.body, b.body);
    let lost = if a.body.get("errors").is_some() { &a } else { &b };
    assert!(matches!(lost.code(), "CONFLICT" | "BAD_USER_INPUT"), "{:#}", lost.body);
    let left = standing(&app, &s.customer, &id).await;
    assert_eq!((left["points"].clone(), left["rewardsUsed"].clone()), (json!(20), json!(1)));
}

#[tokio::test(flavor = "multi_thread")]
async fn paused_and_ended_programs_stop_counting_and_rewarding() {
    let app = TestApp::spawn().await;
    let s = shop(&app, CNPJ_A, "a@example.com", 1).await;
    let id = program(&app, &s.admin, points_program(100)).await;
    let labour = service(&app, &s.admin, 12_000).await;
    finished_order(&app, &s.admin, &s.customer_id, &s.vehicle, &labour, None).await;
    let paused = app.graphql(PAUSE, json!({ "id": id }), Some(&s.admin)).await;
    assert_eq!(paused.data()["pauseLoyaltyProgram"]["status"], "PAUSED");
    app.graphql(PAUSE, json!({ "id": id }), Some(&s.admin)).await.assert_error("CONFLICT", Some("id"));
    // Finished while paused: does not count; the reward cannot be used.
    finished_order(&app, &s.admin, &s.customer_id, &s.vehicle, &labour, None).await;
    let during = standing(&app, &s.customer, &id).await;
    assert_eq!(
        (during["status"].clone(), during["points"].clone(), during["visits"].clone()),
        (json!("PAUSED"), json!(120), json!(1))
    );
    let open = open_order(&app, &s, &labour).await;
    let refused = app.graphql(APPLY, json!({ "order": open, "program": id }), Some(&s.admin)).await;
    refused.assert_error("BAD_USER_INPUT", Some("programId"));
    let resumed = app.graphql(RESUME, json!({ "id": id }), Some(&s.admin)).await;
    assert_eq!(resumed.data()["resumeLoyaltyProgram"]["status"], "ACTIVE");
    app.graphql(RESUME, json!({ "id": id }), Some(&s.admin)).await.assert_error("CONFLICT", Some("id"));
    finished_order(&app, &s.admin, &s.customer_id, &s.vehicle, &labour, None).await;
    assert_eq!(standing(&app, &s.customer, &id).await["points"], 240);
    app.graphql(APPLY, json!({ "order": open, "program": id }), Some(&s.admin)).await.data();

    // Edits follow at once; the kind stays.
    let mut bigger = points_program(1000);
    let updated = app.graphql(UPDATE, json!({ "id": id, "input": bigger.clone() }), Some(&s.admin)).await;
    assert_eq!(updated.data()["updateLoyaltyProgram"]["rewardPoints"], 1000);
    assert_eq!(standing(&app, &s.customer, &id).await["progress"], json!(0.14));
    bigger = visits_program(3);
    let kind = app.graphql(UPDATE, json!({ "id": id, "input": bigger }), Some(&s.admin)).await;
    kind.assert_error("BAD_USER_INPUT", Some("input.kind"));

    // Ended: gone from the customer's list and the default list, refused changes.
    let ended = app.graphql(END, json!({ "id": id }), Some(&s.admin)).await;
    assert_eq!(ended.data()["endLoyaltyProgram"]["status"], "ENDED");
    assert!(ended.data()["endLoyaltyProgram"]["endedAt"].is_string());
    assert_eq!(standing(&app, &s.customer, &id).await, Value::Null);
    app.graphql(END, json!({ "id": id }), Some(&s.admin)).await.assert_error("CONFLICT", Some("id"));
    app.graphql(RESUME, json!({ "id": id }), Some(&s.admin)).await.assert_error("CONFLICT", Some("id"));
    let edit = app.graphql(UPDATE, json!({ "id": id, "input": points_program(10) }), Some(&s.admin)).await;
    edit.assert_error("CONFLICT", None);
    let listed = app.graphql(PROGRAMS, json!({}), Some(&s.admin)).await;
    assert_eq!(listed.data()["loyaltyPrograms"], json!([]));
    let all = app.graphql(PROGRAMS, json!({ "all": true }), Some(&s.admin)).await;
    assert_eq!(all.data()["loyaltyPrograms"][0]["status"], "ENDED");
}

#[tokio::test(flavor = "multi_thread")]
async fn bad_program_inputs_name_their_field_and_write_nothing() {
    let app = TestApp::spawn().await;
    let admin = app.register(CNPJ_A, "a@example.com").await;
    let with = |change: Value| {
        let mut input = points_program(100);
        for (key, value) in change.as_object().unwrap() {
            input[key] = value.clone();
        }
        input
    };
    let cases = [
        (with(json!({ "name": "  " })), "input.name"),
        (with(json!({ "name": "n".repeat(81) })), "input.name"),
        (with(json!({ "description": "d".repeat(501) })), "input.description"),
        (with(json!({ "rewardDescription": "" })), "input.rewardDescription"),
        (with(json!({ "pointsPerReal": null })), "input.pointsPerReal"),
        (with(json!({ "pointsPerReal": 0 })), "input.pointsPerReal"),
        (with(json!({ "rewardPoints": -5 })), "input.rewardPoints"),
        (with(json!({ "visitsForReward": 5 })), "input.visitsForReward"),
        (with(json!({ "rewardCents": 0 })), "input.rewardCents"),
        (
            json!({ "name": "V", "kind": "VISITS", "visitsForReward": 1, "rewardDescription": "R" }),
            "input.visitsForReward",
        ),
        (json!({ "name": "V", "kind": "VISITS", "rewardDescription": "R" }), "input.visitsForReward"),
        (
            json!({ "name": "V", "kind": "VISITS", "visitsForReward": 5, "pointsPerReal": 1, "rewardDescription": "R" }),
            "input.pointsPerReal",
        ),
    ];
    let events = app.event_count().await;
    for (input, field) in cases {
        let refused = app.op("CreateLoyaltyProgram", json!({ "input": input }), Some(&admin)).await;
        refused.assert_error("BAD_USER_INPUT", Some(field));
    }
    assert_eq!(app.event_count().await, events);
    let listed = app.graphql(PROGRAMS, json!({ "all": true }), Some(&admin)).await;
    assert_eq!(listed.data()["loyaltyPrograms"], json!([]));
    let created = program(&app, &admin, visits_program(5)).await;
    let listed = app.graphql(PROGRAMS, json!({}), Some(&admin)).await;
    assert_eq!(
        listed.data()["loyaltyPrograms"],
        json!([{ "id": created, "name": "5ª revisão grátis", "kind": "VISITS", "status": "ACTIVE",
            "pointsPerReal": null, "rewardPoints": null, "visitsForReward": 5,
            "rewardDescription": "Revisão grátis", "rewardCents": null }])
    );
}

/// A list of customers with their loyalty costs the same statements for 1 customer as for 20.
#[tokio::test(flavor = "multi_thread")]
async fn a_customer_list_with_loyalty_does_not_grow_queries() {
    let app = TestApp::counting_statements().await;
    let s = shop(&app, CNPJ_A, "a@example.com", 1).await;
    program(&app, &s.admin, points_program(100)).await;
    program(&app, &s.admin, visits_program(4)).await;
    let labour = service(&app, &s.admin, 12_000).await;
    finished_order(&app, &s.admin, &s.customer_id, &s.vehicle, &labour, None).await;
    let list = "{ customers(first: 50) { edges { node { id loyalty { points programs { id progress \
        rewardsAvailable } } } } } }";
    let count = async |expected: usize| {
        app.fewest_statements(list, json!({}), &s.admin, |response| {
            let edges = response.data()["customers"]["edges"].as_array().unwrap().clone();
            assert_eq!(edges.len(), expected);
            assert!(edges.iter().all(|e| e["node"]["loyalty"]["programs"].as_array().unwrap().len() == 2));
        })
        .await
    };
    let one = count(1).await;
    for n in 2..=20 {
        let (id, vehicle, _) = customer(&app, &s.admin, n).await;
        if n % 3 == 0 {
            finished_order(&app, &s.admin, &id, &vehicle, &labour, None).await;
        }
    }
    let twenty = count(20).await;
    assert_eq!(one, twenty, "1 customer: {one} statements; 20: {twenty}");
}
