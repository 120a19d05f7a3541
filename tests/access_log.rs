//! LGPD art. 37: every time staff see a customer's whole CPF (or export it), the customer's
//! access log gets a row: one per customer per request, written in one statement after the
//! answer; an ADMIN reads it on the customer's page.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use oficina_domain::schema::customer_access_log;
use serde_json::{Value, json};

use crate::helpers::{CNPJ_A, CNPJ_B, Response, TestApp};
use crate::scheduling::shop;
use crate::service_order_access::{FORBIDDEN, NOT_FOUND, OK, ROLES, UNAUTHENTICATED, cpf};

/// The access log's rows: (customer, actor, action, at), oldest first.
async fn rows(app: &TestApp) -> Vec<(i64, i64, String, chrono::NaiveDateTime)> {
    let mut pooled = app.state.db.get().await.unwrap();
    oficina_domain::run!(&mut pooled.conn(), |c| {
        customer_access_log::table
            .order(customer_access_log::id)
            .select((
                customer_access_log::customer_id,
                customer_access_log::actor_user_id,
                customer_access_log::action,
                customer_access_log::at,
            ))
            .load(c)
            .await
    })
    .unwrap()
}

/// Creates a customer without asking for their document back; returns the id.
async fn create(app: &TestApp, admin: &str, input: Value) -> String {
    let create = "mutation($input: CustomerInput!) { createCustomer(input: $input) { id } }";
    let created = app.graphql(create, json!({ "input": input }), Some(admin)).await;
    created.data()["createCustomer"]["id"].as_str().unwrap().to_owned()
}

async fn person(app: &TestApp, admin: &str, n: u32) -> String {
    create(app, admin, json!({ "name": format!("Pessoa {n}"), "document": cpf(n) })).await
}

async fn company(app: &TestApp, admin: &str) -> String {
    create(app, admin, json!({ "name": "Transportes Ltda", "document": CNPJ_B })).await
}

const LIST: &str = "{ customers(first: 50) { edges { node { id document again: document name } } } }";
const NAMES: &str = "{ customers(first: 50) { edges { node { id name } } } }";
const LOG: &str = "query($id: ID!, $first: Int, $after: String) { customerAccessLog(customerId: $id, first: $first, after: $after) { \
    pageInfo { hasNextPage endCursor } edges { node { at action actor { id name } } } } }";

/// A list that shows whole CPFs writes one row per person (not per field, not for a company's
/// CNPJ), in one statement whatever the list's size; a masked CPF writes none.
#[tokio::test(flavor = "multi_thread")]
async fn whole_cpfs_seen_write_one_row_per_customer_in_one_statement() {
    let app = TestApp::counting_statements().await;
    let admin = app.register(CNPJ_A, "a@example.com").await;
    let mechanic = app.add_staff(&admin, "mec@example.com", "MECHANIC").await;
    let operator = app.add_staff(&admin, "op@example.com", "OPERATOR").await;
    let first = person(&app, &admin, 1).await;
    person(&app, &admin, 2).await;
    company(&app, &admin).await;
    assert!(rows(&app).await.is_empty(), "no CPF shown yet");
    let shown = app
        .op("CreateCustomer", json!({ "input": { "name": "Pessoa 9", "document": cpf(9) } }), Some(&admin))
        .await;
    assert_eq!(rows(&app).await.len(), 1, "the CPF a create answers with is seen too: {:#}", shown.body);
    let mut pooled = app.state.db.get().await.unwrap();
    oficina_domain::run!(&mut pooled.conn(), |c| diesel::delete(customer_access_log::table).execute(c).await)
        .unwrap();
    drop(pooled);

    app.graphql(LIST, json!({}), Some(&admin)).await.data();
    let written = rows(&app).await;
    assert_eq!(written.len(), 3, "three people, one row each, none for the company: {written:?}");
    assert!(written.iter().all(|(_, _, action, at)| action == "VIEWED_DOCUMENT" && *at == written[0].3));

    app.graphql(LIST, json!({}), Some(&mechanic)).await.data();
    assert_eq!(rows(&app).await.len(), 3, "a mechanic sees masked CPFs: no row");
    app.graphql(NAMES, json!({}), Some(&operator)).await.data();
    assert_eq!(rows(&app).await.len(), 3, "no document asked, no row");
    app.op("Customer", json!({ "id": first }), Some(&operator)).await.data();
    let written = rows(&app).await;
    assert_eq!(written.len(), 4);
    assert_eq!(written[3].0.to_string(), first);

    let ok = |response: &Response| {
        response.data();
    };
    let cost = async || {
        let with = app.fewest_statements(LIST, json!({}), &admin, ok).await;
        let without = app.fewest_statements(NAMES, json!({}), &admin, ok).await;
        with - without
    };
    assert_eq!(cost().await, 1, "the access rows cost one INSERT");
    for n in 3..8 {
        person(&app, &admin, n).await;
    }
    assert_eq!(cost().await, 1, "still one INSERT for more customers");
}

/// The customers CSV writes EXPORTED_LIST rows for the people in it; a staff export on request
/// writes EXPORTED_DATA; the ADMIN reads them all, newest first, page by page.
#[tokio::test(flavor = "multi_thread")]
async fn exports_are_logged_and_the_admin_reads_the_log() {
    let app = TestApp::spawn().await;
    let admin = app.register(CNPJ_A, "a@example.com").await;
    let operator = app.add_staff(&admin, "op@example.com", "OPERATOR").await;
    let first = person(&app, &admin, 1).await;
    person(&app, &admin, 2).await;
    company(&app, &admin).await;
    let csv = Request::get("/export/customers.csv")
        .header(header::COOKIE, format!("oficina_session={operator}"))
        .header("sec-fetch-site", "same-origin")
        .body(Body::empty())
        .unwrap();
    assert_eq!(app.send(csv).await.status, StatusCode::OK);
    let written = rows(&app).await;
    assert_eq!(written.len(), 2, "the two people of the file: {written:?}");
    assert!(written.iter().all(|(_, _, action, _)| action == "EXPORTED_LIST"));

    let export = "mutation($id: ID!) { exportCustomerData(customerId: $id) { url } }";
    app.graphql(export, json!({ "id": first }), Some(&admin)).await.data();
    app.op("Customer", json!({ "id": first }), Some(&operator)).await.data();

    let log = app.op("CustomerAccessLog", json!({ "customerId": first, "first": 10 }), Some(&admin)).await;
    let nodes: Vec<Value> = log.data()["customerAccessLog"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"].clone())
        .collect();
    let actions: Vec<&str> = nodes.iter().map(|n| n["action"].as_str().unwrap()).collect();
    assert_eq!(actions, ["VIEWED_DOCUMENT", "EXPORTED_DATA", "EXPORTED_LIST"]);
    assert_eq!(nodes[0]["actor"]["name"], "Pessoa da Equipe");
    assert_eq!(nodes[1]["actor"]["name"], "José Admin");

    let page = app.graphql(LOG, json!({ "id": first, "first": 2 }), Some(&admin)).await;
    let page = &page.data()["customerAccessLog"];
    assert_eq!(page["pageInfo"]["hasNextPage"], true);
    let after = json!({ "id": first, "first": 2, "after": page["pageInfo"]["endCursor"] });
    let rest = app.graphql(LOG, after, Some(&admin)).await;
    let rest = &rest.data()["customerAccessLog"];
    assert_eq!(rest["edges"].as_array().unwrap().len(), 1);
    assert_eq!(rest["edges"][0]["node"]["action"], "EXPORTED_LIST");
    assert_eq!(rest["pageInfo"]["hasNextPage"], false);
}

/// customerAccessLog is the ADMIN's; another workshop's customer is NOT_FOUND; its cost does not
/// grow with its rows.
#[tokio::test(flavor = "multi_thread")]
async fn only_the_admin_reads_the_log_of_their_own_customers() {
    let app = TestApp::counting_statements().await;
    let a = shop(&app, CNPJ_A, "a@example.com", 1).await;
    let b = shop(&app, CNPJ_B, "b@example.com", 2).await;
    let tokens = [
        Some(a.admin.clone()),
        Some(app.add_staff(&a.admin, "op@example.com", "OPERATOR").await),
        Some(app.add_staff(&a.admin, "mec@example.com", "MECHANIC").await),
        Some(a.customer.clone()),
        None,
    ];
    let expected = [OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, UNAUTHENTICATED];
    let roles = [ROLES[0], ROLES[1], ROLES[2], ROLES[3], ROLES[5]];
    for ((role, token), expected) in roles.iter().zip(&tokens).zip(expected) {
        let response =
            app.op("CustomerAccessLog", json!({ "customerId": a.customer_id }), token.as_deref()).await;
        match expected {
            OK => assert!(response.body.get("errors").is_none(), "{role}: {:#}", response.body),
            code => response.assert_error(code, None),
        }
    }
    app.op("CustomerAccessLog", json!({ "customerId": b.customer_id }), Some(&a.admin))
        .await
        .assert_error(NOT_FOUND, Some("customerId"));

    let ok = |response: &Response| {
        response.data();
    };
    let vars = json!({ "id": a.customer_id, "first": 50 });
    let few = app.fewest_statements(LOG, vars.clone(), &a.admin, ok).await;
    for _ in 0..5 {
        app.op("Customer", json!({ "id": a.customer_id }), Some(&a.admin)).await.data();
    }
    assert_eq!(app.fewest_statements(LOG, vars, &a.admin, ok).await, few);
}
