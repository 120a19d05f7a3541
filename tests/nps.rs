//! NPS (contract: portal.graphql, AnswerNps and NpsReport): the survey e-mailed when an order is
//! finished, answering it from the portal and from the link (once per order, also under a race),
//! who may do what, the detractor alert to the admins, the promoter's review invitation, the
//! report's math, months (in the workshop's zone) and mechanics, and its statement count.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use oficina_domain::schema::nps_responses;
use serde_json::{Value, json};

use crate::helpers::{CNPJ_A, CNPJ_B, PASSWORD, Response, TestApp, wait_for};
use crate::portal_access::token_in;
use crate::scheduling::{customer, shop};

const PENDING: &str = "{ myCustomer { pendingNps { serviceOrder { id number finishedAt } } } }";
const SURVEY: &str = "query($token: String!) { npsSurvey(token: $token) { workshopName orderNumber \
    finishedAt answered reviewUrl } }";
const ANSWER_LINK: &str = "mutation($token: String!, $score: Int!, $comment: String) { \
    answerNpsSurvey(token: $token, score: $score, comment: $comment) { orderNumber answered reviewUrl } }";
const ANSWER_FULL: &str = "mutation($id: ID!, $score: Int!, $comment: String) { \
    answerNps(serviceOrderId: $id, score: $score, comment: $comment) { id score comment answeredAt \
    reviewUrl serviceOrder { id } } }";
const SETTINGS: &str = "{ npsSettings { reviewUrl } }";
const UPDATE_SETTINGS: &str = "mutation($url: String) { updateNpsSettings(reviewUrl: $url) { reviewUrl } }";
const REPORT: &str = "query($from: Date!, $to: Date!) { npsReport(from: $from, to: $to) { nps responses \
    promoters passives detractors byMonth { month nps responses } \
    byMechanic { mechanic { id name } nps responses promoters passives detractors } \
    recentDetractors { id score comment serviceOrder { id number } } } }";

/// A service of the admin's workshop to put on orders.
pub(crate) async fn labour(app: &TestApp, admin: &str) -> String {
    let input =
        json!({ "reference": "NPS-1", "name": "Revisão", "priceCents": 12000, "estimatedMinutes": 60 });
    let created = app.op("CreateService", json!({ "input": input }), Some(admin)).await;
    created.data()["createService"]["id"].as_str().unwrap().to_owned()
}

/// A MECHANIC of the admin's workshop: their staff id.
async fn mechanic(app: &TestApp, admin: &str, email: &str) -> String {
    let input = json!({ "name": format!("Mecânico {email}"), "email": email, "password": PASSWORD,
        "role": "MECHANIC" });
    let added = app.op("AddStaff", json!({ "input": input }), Some(admin)).await;
    added.data()["addStaff"]["id"].as_str().unwrap().to_owned()
}

/// An order of `vehicle` (of `customer_id`) created, started and finished by `admin`; its id.
pub(crate) async fn finished_order(
    app: &TestApp,
    admin: &str,
    customer_id: &str,
    vehicle: &str,
    service: &str,
    mechanic: Option<&str>,
) -> String {
    let input = json!({ "customerId": customer_id, "vehicleId": vehicle, "mechanicId": mechanic,
        "odometerKm": 1100, "discountCents": 0, "taxesCents": 0,
        "items": [{ "serviceId": service, "quantity": 1 }] });
    let created = app.op("CreateServiceOrder", json!({ "input": input }), Some(admin)).await;
    let id = created.data()["createServiceOrder"]["id"].as_str().unwrap().to_owned();
    app.op("StartServiceOrder", json!({ "id": id }), Some(admin)).await.data();
    let payment = json!({ "method": "PIX", "installments": 1, "firstDueDate": "2026-12-10" });
    let done = app.op("FinishServiceOrder", json!({ "id": id, "payment": payment }), Some(admin)).await;
    assert_eq!(done.data()["finishServiceOrder"]["status"], "FINISHED");
    id
}

/// The token of the last survey e-mail to `to`, waiting for it.
pub(crate) async fn survey_token(app: &TestApp, to: &str) -> String {
    let survey = async || {
        let mail = app.mail_log();
        let text = mail.iter().rev().find(|m| m["to"] == to)?["text"].as_str()?.to_owned();
        text.contains("/avaliar/").then(|| token_in(&text, "avaliar"))
    };
    wait_for(survey, "the survey e-mail").await
}

async fn answer(app: &TestApp, token: &str, order: &str, score: i32, comment: Option<&str>) -> Response {
    app.op("AnswerNps", json!({ "serviceOrderId": order, "score": score, "comment": comment }), Some(token))
        .await
}

/// A workshop with customer 1 (e-mail, car, portal login), a service and a finished order.
struct Finished {
    admin: String,
    customer_id: String,
    vehicle: String,
    customer: String,
    service: String,
    order: String,
}

async fn finished(app: &TestApp, cnpj: &str, email: &str, n: u32) -> Finished {
    let s = shop(app, cnpj, email, n).await;
    let service = labour(app, &s.admin).await;
    let order = finished_order(app, &s.admin, &s.customer_id, &s.vehicle, &service, None).await;
    Finished {
        admin: s.admin,
        customer_id: s.customer_id,
        vehicle: s.vehicle,
        customer: s.customer,
        service,
        order,
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_finished_order_mails_the_survey_and_its_customer_answers_once() {
    let app = TestApp::spawn().await;
    let f = finished(&app, CNPJ_A, "admin@a.com", 1).await;
    survey_token(&app, "cliente1@example.com").await;
    let pending = app.graphql(PENDING, json!({}), Some(&f.customer)).await;
    let pending = pending.data()["myCustomer"]["pendingNps"].as_array().unwrap().clone();
    assert_eq!(pending.len(), 1);
    assert_eq!(pending[0]["serviceOrder"]["id"], f.order.as_str());

    let answered = answer(&app, &f.customer, &f.order, 10, Some("  Ótimo atendimento!  ")).await;
    assert_eq!(answered.data()["answerNps"]["score"], 10);
    let full = app.graphql(PENDING, json!({}), Some(&f.customer)).await;
    assert_eq!(full.data()["myCustomer"]["pendingNps"], json!([]));
    answer(&app, &f.customer, &f.order, 3, None).await.assert_error("CONFLICT", Some("serviceOrderId"));

    let report =
        app.op("NpsReport", json!({ "from": "2026-01-01", "to": "2027-12-31" }), Some(&f.admin)).await;
    assert_eq!(
        report.data()["npsReport"],
        json!({ "nps": 100, "responses": 1, "promoters": 1, "passives": 0, "detractors": 0 })
    );
    let mut pooled = app.state.db.get().await.unwrap();
    let comment: Option<String> = oficina_domain::run!(&mut pooled.conn(), |c| {
        nps_responses::table.select(nps_responses::comment).first(c).await
    })
    .unwrap();
    assert_eq!(comment.as_deref(), Some("Ótimo atendimento!"), "stored trimmed");
}

#[tokio::test(flavor = "multi_thread")]
async fn bad_scores_and_comments_name_their_field() {
    let app = TestApp::spawn().await;
    let f = finished(&app, CNPJ_A, "admin@a.com", 1).await;
    for score in [-1, 11] {
        answer(&app, &f.customer, &f.order, score, None).await.assert_error("BAD_USER_INPUT", Some("score"));
    }
    let long = "a".repeat(1001);
    answer(&app, &f.customer, &f.order, 5, Some(&long)).await.assert_error("BAD_USER_INPUT", Some("comment"));
    // An order that is not finished cannot be rated yet.
    let input = json!({ "customerId": f.customer_id, "vehicleId": f.vehicle, "discountCents": 0, "taxesCents": 0,
        "items": [{ "serviceId": f.service, "quantity": 1 }] });
    let quote = app.op("CreateServiceOrder", json!({ "input": input }), Some(&f.admin)).await;
    let quote = quote.data()["createServiceOrder"]["id"].as_str().unwrap().to_owned();
    answer(&app, &f.customer, &quote, 9, None).await.assert_error("BAD_USER_INPUT", Some("serviceOrderId"));
    // Exactly 1,000 characters is fine.
    let answered = answer(&app, &f.customer, &f.order, 5, Some(&"b".repeat(1000))).await;
    assert_eq!(answered.data()["answerNps"]["score"], 5);
}

#[tokio::test(flavor = "multi_thread")]
async fn another_customers_or_workshops_order_is_not_found() {
    let app = TestApp::spawn().await;
    let f = finished(&app, CNPJ_A, "admin@a.com", 1).await;
    let (_, _, other_customer) = customer(&app, &f.admin, 2).await;
    answer(&app, &other_customer, &f.order, 9, None).await.assert_error("NOT_FOUND", Some("serviceOrderId"));
    let b = shop(&app, CNPJ_B, "admin@b.com", 3).await;
    answer(&app, &b.customer, &f.order, 9, None).await.assert_error("NOT_FOUND", Some("serviceOrderId"));
    answer(&app, &f.customer, "nope", 9, None).await.assert_error("NOT_FOUND", Some("serviceOrderId"));
    // Nothing was stored: the owner still answers.
    assert_eq!(answer(&app, &f.customer, &f.order, 9, None).await.data()["answerNps"]["score"], 9);
}

#[tokio::test(flavor = "multi_thread")]
async fn of_ten_concurrent_answers_exactly_one_is_stored() {
    let app = TestApp::spawn().await;
    let f = finished(&app, CNPJ_A, "admin@a.com", 1).await;
    let attempts = (0..10).map(|i| answer(&app, &f.customer, &f.order, i, None));
    let responses = futures_util::future::join_all(attempts).await;
    let won = responses.iter().filter(|r| r.body.get("errors").is_none()).count();
    assert_eq!(won, 1, "exactly one answer wins");
    for lost in responses.iter().filter(|r| r.body.get("errors").is_some()) {
        lost.assert_error("CONFLICT", Some("serviceOrderId"));
    }
    let mut pooled = app.state.db.get().await.unwrap();
    let stored: i64 =
        oficina_domain::run!(&mut pooled.conn(), |c| nps_responses::table.count().get_result(c).await)
            .unwrap();
    assert_eq!(stored, 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn the_emailed_link_answers_without_sign_in_and_a_detractor_alerts_every_admin() {
    let app = TestApp::spawn().await;
    let f = finished(&app, CNPJ_A, "admin@a.com", 1).await;
    let input =
        json!({ "name": "Segunda Admin", "email": "admin2@a.com", "password": PASSWORD, "role": "ADMIN" });
    app.op("AddStaff", json!({ "input": input }), Some(&f.admin)).await.data();
    let token = survey_token(&app, "cliente1@example.com").await;

    let survey = app.graphql(SURVEY, json!({ "token": token }), None).await;
    let survey = &survey.data()["npsSurvey"];
    assert_eq!(survey["answered"], false);
    assert!(!survey["workshopName"].as_str().unwrap().is_empty());
    app.graphql(SURVEY, json!({ "token": "not-a-token" }), None).await.assert_error("NOT_FOUND", None);
    app.graphql(ANSWER_LINK, json!({ "token": "not-a-token", "score": 9 }), None)
        .await
        .assert_error("NOT_FOUND", None);
    app.graphql(ANSWER_LINK, json!({ "token": token, "score": 12 }), None)
        .await
        .assert_error("BAD_USER_INPUT", Some("score"));

    let sent = app.mail_log().len();
    let events = app.event_count().await;
    let answered = app
        .graphql(ANSWER_LINK, json!({ "token": token, "score": 3, "comment": "Demorou muito" }), None)
        .await;
    assert_eq!(answered.data()["answerNpsSurvey"]["answered"], true);
    assert_eq!(answered.data()["answerNpsSurvey"]["reviewUrl"], Value::Null, "no invitation for a detractor");
    assert_eq!(app.event_count().await, events + 2, "the answer and the alert");
    let mail = app.wait_for_mail(sent + 2).await;
    let alerts: Vec<&Value> = mail[sent..].iter().collect();
    let mut to: Vec<&str> = alerts.iter().map(|m| m["to"].as_str().unwrap()).collect();
    to.sort();
    assert_eq!(to, ["admin2@a.com", "admin@a.com"]);
    for alert in alerts {
        assert!(alert["subject"].as_str().unwrap().contains("3/10"), "{alert:#}");
        assert!(alert["text"].as_str().unwrap().contains("Demorou muito"), "{alert:#}");
    }
    app.graphql(ANSWER_LINK, json!({ "token": token, "score": 9 }), None)
        .await
        .assert_error("CONFLICT", Some("serviceOrderId"));
    answer(&app, &f.customer, &f.order, 9, None).await.assert_error("CONFLICT", Some("serviceOrderId"));
    let again = app.graphql(SURVEY, json!({ "token": token }), None).await;
    assert_eq!(again.data()["npsSurvey"]["answered"], true);
    // The dashboard's list: the admin sees the detractor.
    let report =
        app.graphql(REPORT, json!({ "from": "2026-01-01", "to": "2027-12-31" }), Some(&f.admin)).await;
    let detractors = &report.data()["npsReport"]["recentDetractors"];
    assert_eq!(detractors[0]["score"], 3);
    assert_eq!(detractors[0]["comment"], "Demorou muito");
    assert_eq!(detractors[0]["serviceOrder"]["id"], f.order.as_str());
}

#[tokio::test(flavor = "multi_thread")]
async fn a_promoter_is_invited_to_review_at_the_admins_link() {
    let app = TestApp::spawn().await;
    let f = finished(&app, CNPJ_A, "admin@a.com", 1).await;
    let second = finished_order(&app, &f.admin, &f.customer_id, &f.vehicle, &f.service, None).await;
    let long = format!("https://g.page/{}", "a".repeat(500));
    for bad in ["http://g.page/r/x/review", "javascript:alert(1)", long.as_str()] {
        app.graphql(UPDATE_SETTINGS, json!({ "url": bad }), Some(&f.admin))
            .await
            .assert_error("BAD_USER_INPUT", Some("reviewUrl"));
    }
    let url = "https://g.page/r/oficina/review";
    let set = app.graphql(UPDATE_SETTINGS, json!({ "url": url }), Some(&f.admin)).await;
    assert_eq!(set.data()["updateNpsSettings"]["reviewUrl"], url);
    assert_eq!(
        app.graphql(SETTINGS, json!({}), Some(&f.admin)).await.data()["npsSettings"]["reviewUrl"],
        url
    );

    let passive = app.graphql(ANSWER_FULL, json!({ "id": second, "score": 8 }), Some(&f.customer)).await;
    assert_eq!(passive.data()["answerNps"]["reviewUrl"], Value::Null);
    let promoter = app.graphql(ANSWER_FULL, json!({ "id": f.order, "score": 9 }), Some(&f.customer)).await;
    assert_eq!(promoter.data()["answerNps"]["reviewUrl"], url);
    assert_eq!(promoter.data()["answerNps"]["serviceOrder"]["id"], f.order.as_str());

    let cleared = app.graphql(UPDATE_SETTINGS, json!({ "url": null }), Some(&f.admin)).await;
    assert_eq!(cleared.data()["updateNpsSettings"]["reviewUrl"], Value::Null);
}

#[tokio::test(flavor = "multi_thread")]
async fn only_admins_read_the_report_and_only_customers_answer() {
    let app = TestApp::spawn().await;
    let f = finished(&app, CNPJ_A, "admin@a.com", 1).await;
    let operator = app.add_staff(&f.admin, "op@a.com", "OPERATOR").await;
    let mechanic = app.add_staff(&f.admin, "mec@a.com", "MECHANIC").await;
    let period = json!({ "from": "2026-01-01", "to": "2026-12-31" });
    for token in [Some(operator.as_str()), Some(mechanic.as_str()), Some(f.customer.as_str()), None] {
        let code = if token.is_some() { "FORBIDDEN" } else { "UNAUTHENTICATED" };
        app.op("NpsReport", period.clone(), token).await.assert_error(code, None);
        app.graphql(SETTINGS, json!({}), token).await.assert_error(code, None);
        app.graphql(UPDATE_SETTINGS, json!({ "url": "https://x.com/r" }), token)
            .await
            .assert_error(code, None);
    }
    for token in [Some(f.admin.as_str()), Some(operator.as_str()), Some(mechanic.as_str())] {
        answer(&app, token.unwrap(), &f.order, 9, None).await.assert_error("FORBIDDEN", None);
    }
    let anonymous = app.op("AnswerNps", json!({ "serviceOrderId": f.order, "score": 9 }), None).await;
    anonymous.assert_error("UNAUTHENTICATED", None);
    app.op("NpsReport", json!({ "from": "2026-12-31", "to": "2026-01-01" }), Some(&f.admin))
        .await
        .assert_error("BAD_USER_INPUT", Some("to"));
    app.op("NpsReport", json!({ "from": "2020-01-01", "to": "2026-01-01" }), Some(&f.admin))
        .await
        .assert_error("BAD_USER_INPUT", Some("to"));
}

/// Sets when an answer was given (UTC) straight in the database.
async fn answered_at(app: &TestApp, order: &str, at: &str) {
    let at = NaiveDateTime::parse_from_str(at, "%Y-%m-%d %H:%M").unwrap();
    let id: i64 = order.parse().unwrap();
    let mut pooled = app.state.db.get().await.unwrap();
    let updated = oficina_domain::run!(&mut pooled.conn(), |c| {
        diesel::update(nps_responses::table.filter(nps_responses::service_order_id.eq(id)))
            .set(nps_responses::answered_at.eq(at))
            .execute(c)
            .await
    })
    .unwrap();
    assert_eq!(updated, 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn the_report_splits_by_local_month_and_by_mechanic() {
    let app = TestApp::spawn().await;
    let f = finished(&app, CNPJ_A, "admin@a.com", 1).await;
    let marta = mechanic(&app, &f.admin, "marta@a.com").await;
    let joao = mechanic(&app, &f.admin, "joao@a.com").await;
    // (mechanic, score, answered at UTC): São Paulo is UTC−3.
    let plan: [(Option<&str>, i32, &str); 5] = [
        (Some(&marta), 10, "2026-10-15 12:00"),
        (Some(&marta), 6, "2026-11-01 02:30"), // 31/10 23:30 local: October
        (Some(&joao), 9, "2026-11-10 12:00"),
        (Some(&joao), 7, "2026-11-30 12:00"),
        (None, 0, "2026-12-01 02:59"), // 30/11 23:59 local: November
    ];
    for (mechanic, score, at) in plan {
        let order = finished_order(&app, &f.admin, &f.customer_id, &f.vehicle, &f.service, mechanic).await;
        answer(&app, &f.customer, &order, score, Some("ok")).await.data();
        answered_at(&app, &order, at).await;
    }
    let period = json!({ "from": "2026-10-01", "to": "2026-11-30" });
    let report = app.graphql(REPORT, period.clone(), Some(&f.admin)).await;
    let report = &report.data()["npsReport"];
    // 2 promoters, 1 passive, 2 detractors of 5: 0.
    assert_eq!(report["nps"], 0);
    assert_eq!((report["responses"].clone(), report["promoters"].clone()), (json!(5), json!(2)));
    assert_eq!(
        report["byMonth"],
        json!([
            { "month": "2026-10-01", "nps": 0, "responses": 2 },
            // 9, 7, 0: (1 − 1) / 3.
            { "month": "2026-11-01", "nps": 0, "responses": 3 },
        ])
    );
    let by_mechanic = report["byMechanic"].as_array().unwrap();
    assert_eq!(by_mechanic.len(), 2, "the order without a mechanic is left out");
    let of = |id: &str| by_mechanic.iter().find(|m| m["mechanic"]["id"] == id).unwrap().clone();
    assert_eq!(of(&marta)["nps"], 0);
    assert_eq!((of(&marta)["promoters"].clone(), of(&marta)["detractors"].clone()), (json!(1), json!(1)));
    assert_eq!(of(&joao)["nps"], 50);
    assert_eq!(of(&joao)["mechanic"]["name"], "Mecânico joao@a.com");
    let detractors = report["recentDetractors"].as_array().unwrap();
    assert_eq!(detractors.iter().map(|d| d["score"].clone()).collect::<Vec<_>>(), [json!(0), json!(6)]);
    // The local day bounds: 1 November alone holds no answer (02:30 UTC is still 31 October).
    let first =
        app.op("NpsReport", json!({ "from": "2026-11-01", "to": "2026-11-01" }), Some(&f.admin)).await;
    assert_eq!(first.data()["npsReport"]["responses"], 0);
    assert_eq!(first.data()["npsReport"]["nps"], Value::Null, "no answers, no score");
    let last = app.op("NpsReport", json!({ "from": "2026-11-30", "to": "2026-11-30" }), Some(&f.admin)).await;
    assert_eq!(last.data()["npsReport"]["responses"], 2);
    assert_eq!(last.data()["npsReport"]["nps"], -50);
}

#[tokio::test(flavor = "multi_thread")]
async fn the_report_costs_the_same_statements_for_more_answers() {
    let app = TestApp::counting_statements().await;
    let f = finished(&app, CNPJ_A, "admin@a.com", 1).await;
    let mut mechanics = Vec::new();
    for email in ["m1@a.com", "m2@a.com", "m3@a.com"] {
        mechanics.push(mechanic(&app, &f.admin, email).await);
    }
    let period = json!({ "from": "2026-01-01", "to": "2027-12-31" });
    let ok = |r: &Response| assert!(r.body.get("errors").is_none(), "{:#}", r.body);
    let mut costs = Vec::new();
    for mechanic in &mechanics {
        for score in [2, 9] {
            let order =
                finished_order(&app, &f.admin, &f.customer_id, &f.vehicle, &f.service, Some(mechanic)).await;
            answer(&app, &f.customer, &order, score, None).await.data();
        }
        costs.push(app.fewest_statements(REPORT, period.clone(), &f.admin, ok).await);
    }
    assert_eq!(costs[0], costs[2], "statements per report: {costs:?}");
    assert!(
        costs[0] <= 7,
        "the session, the time zone, the answers, the detractors, the mechanics: {costs:?}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn the_survey_link_is_rate_limited_per_address() {
    let app = TestApp::spawn().await;
    for _ in 0..60 {
        app.send(survey_request("203.0.113.7")).await.assert_error("NOT_FOUND", None);
    }
    app.send(survey_request("203.0.113.7")).await.assert_error("RATE_LIMITED", None);
    app.send(survey_request("203.0.113.8")).await.assert_error("NOT_FOUND", None);
}

/// A signed-out npsSurvey request for an unknown token from `peer`.
fn survey_request(peer: &str) -> axum::http::Request<axum::body::Body> {
    let peer = std::net::SocketAddr::new(peer.parse().unwrap(), 40_000);
    let body = json!({ "query": SURVEY, "variables": { "token": "unknown" } }).to_string();
    axum::http::Request::post("/graphql")
        .header("content-type", "application/json")
        .extension(axum::extract::ConnectInfo(peer))
        .body(axum::body::Body::from(body))
        .unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn the_survey_of_a_customer_without_email_is_only_in_the_portal() {
    let app = TestApp::spawn().await;
    let admin = app.register(CNPJ_A, "admin@a.com").await;
    let service = labour(&app, &admin).await;
    let input = json!({ "name": "Sem E-mail", "document": crate::service_order_access::cpf(9) });
    let (id, vehicle) = app.customer_with_car(&admin, input, "SEM1E23").await;
    let sent = app.mail_log().len();
    let order = finished_order(&app, &admin, &id, &vehicle, &service, None).await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(app.mail_log().len(), sent, "no address, no e-mail");
    let query = "query($id: ID!) { customer(id: $id) { pendingNps { serviceOrder { id } } } }";
    let staff_view = app.graphql(query, json!({ "id": id }), Some(&admin)).await;
    assert_eq!(staff_view.data()["customer"]["pendingNps"], json!([{ "serviceOrder": { "id": order } }]));
}

#[tokio::test(flavor = "multi_thread")]
async fn the_demo_has_answers_over_several_months() {
    let app = TestApp::spawn_with(crate::helpers::Options { demo: true, ..Default::default() }).await;
    let sign_in = async |email: &str| {
        let signed_in = app.op("SignIn", json!({ "email": email, "password": "oficina-demo" }), None).await;
        signed_in.data()["signIn"]["token"].as_str().unwrap().to_owned()
    };
    let admin = sign_in("admin@demo.oficina.app").await;
    let today = chrono::Utc::now().date_naive();
    let period =
        json!({ "from": (today - chrono::Duration::days(365)).to_string(), "to": today.to_string() });
    let report = app.graphql(REPORT, period, Some(&admin)).await;
    let report = &report.data()["npsReport"];
    assert!(report["responses"].as_i64().unwrap() >= 5, "{report:#}");
    assert!(report["nps"].is_i64(), "{report:#}");
    let months_with_answers =
        report["byMonth"].as_array().unwrap().iter().filter(|m| m["responses"].as_i64() > Some(0)).count();
    assert!(months_with_answers >= 2, "{report:#}");
    assert!(!report["byMechanic"].as_array().unwrap().is_empty(), "{report:#}");
}
