//! API tokens for integrators (contract: security.graphql): an ADMIN creates, lists and revokes
//! them; a token acts as a service user of its workshop with the ADMIN role limited by its scope,
//! over HTTP and in the WebSocket's `connection_init`.

use std::time::Duration;

use chrono::{SecondsFormat, Utc};
use serde_json::{Value, json};

use crate::helpers::ws::WsClient;
use crate::helpers::{CNPJ_A, CNPJ_B, TestApp};
use crate::live::two_nodes_sharing_redis;

const WAIT: Duration = Duration::from_secs(10);
const EVENTS: &str = "subscription { workshopEvents { kind actor { name } } }";
const CUSTOMERS: &str = "query { customers(first: 10) { edges { node { name } } } }";

/// An expiry `days` from now, as the API takes it.
fn in_days(days: i64) -> String {
    (Utc::now() + chrono::Duration::days(days)).to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// The contract's CreateApiToken as the holder of `token`.
async fn create(
    app: &TestApp,
    token: &str,
    name: &str,
    scope: &str,
    expires_at: &str,
) -> crate::helpers::Response {
    let input = json!({ "input": { "name": name, "scope": scope, "expiresAt": expires_at } });
    app.op("CreateApiToken", input, Some(token)).await
}

/// Creates a token as `admin`; returns its id and secret.
async fn token(app: &TestApp, admin: &str, name: &str, scope: &str) -> (String, String) {
    let response = create(app, admin, name, scope, &in_days(30)).await;
    let created = &response.data()["createApiToken"];
    (created["apiToken"]["id"].as_str().unwrap().to_owned(), created["secret"].as_str().unwrap().to_owned())
}

/// The contract's CreateCustomer: a person with this name and CPF.
async fn create_customer(app: &TestApp, token: &str, name: &str, cpf: &str) -> crate::helpers::Response {
    let input = json!({ "input": { "name": name, "document": cpf } });
    app.op("CreateCustomer", input, Some(token)).await
}

fn customer_names(response: &crate::helpers::Response) -> Vec<Value> {
    let edges = response.data()["customers"]["edges"].as_array().unwrap().clone();
    edges.into_iter().map(|edge| edge["node"]["name"].clone()).collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn an_admin_creates_lists_and_revokes_tokens_whose_secret_shows_once() {
    let app = TestApp::spawn().await;
    let admin = app.register(CNPJ_A, "a@example.com").await;
    let events_before = app.event_count().await;
    let response = create(&app, &admin, "ERP contábil", "READ_ONLY", "2027-06-30T00:00:00Z").await;
    let created = &response.data()["createApiToken"];
    let secret = created["secret"].as_str().unwrap();
    assert!(secret.starts_with("ofc_") && secret.len() >= 4 + 22, "{secret}");
    let api_token = &created["apiToken"];
    assert_eq!(api_token["name"], "ERP contábil");
    assert_eq!(api_token["scope"], "READ_ONLY");
    assert!(api_token["expiresAt"].as_str().unwrap().starts_with("2027-06-30T00:00:00"));
    assert_eq!(api_token["lastUsedAt"], Value::Null);
    assert_eq!(app.event_count().await, events_before + 1, "api_token.created");

    let listed = app.op("ApiTokens", json!({}), Some(&admin)).await;
    let tokens = listed.data()["apiTokens"].as_array().unwrap().clone();
    assert_eq!(tokens.len(), 1);
    assert_eq!(tokens[0]["id"], api_token["id"]);
    assert_eq!(tokens[0]["revokedAt"], Value::Null);
    assert!(!listed.body.to_string().contains(secret), "the secret is never returned again");

    // The token works, and marks itself used (at most once a minute).
    app.graphql(CUSTOMERS, json!({}), Some(secret)).await.data();
    app.graphql(CUSTOMERS, json!({}), Some(secret)).await.data();
    let listed = app.op("ApiTokens", json!({}), Some(&admin)).await;
    assert!(listed.data()["apiTokens"][0]["lastUsedAt"].is_string(), "{}", listed.body);
    // The service user is not staff.
    let staff = app.graphql("query { staff { name } }", json!({}), Some(&admin)).await;
    assert_eq!(staff.data()["staff"].as_array().unwrap().len(), 1, "{}", staff.body);

    let id = api_token["id"].clone();
    let revoked = app.op("RevokeApiToken", json!({ "id": id }), Some(&admin)).await;
    assert!(revoked.data()["revokeApiToken"]["revokedAt"].is_string());
    assert_eq!(app.event_count().await, events_before + 2, "api_token.revoked");
    app.op("RevokeApiToken", json!({ "id": id }), Some(&admin)).await.assert_error("CONFLICT", Some("id"));
    app.graphql(CUSTOMERS, json!({}), Some(secret)).await.assert_error("UNAUTHENTICATED", None);
}

#[tokio::test(flavor = "multi_thread")]
async fn the_name_and_expiry_are_checked() {
    let app = TestApp::spawn().await;
    let admin = app.register(CNPJ_A, "a@example.com").await;
    let long = "x".repeat(101);
    for (name, expires_at, field) in [
        ("", in_days(30), "input.name"),
        (long.as_str(), in_days(30), "input.name"),
        ("ERP", in_days(-1), "input.expiresAt"),
        ("ERP", in_days(2 * 366 + 1), "input.expiresAt"),
    ] {
        let response = create(&app, &admin, name, "READ_WRITE", &expires_at).await;
        response.assert_error("BAD_USER_INPUT", Some(field));
    }
    create(&app, &admin, &"x".repeat(100), "READ_WRITE", &in_days(730)).await.data();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_read_only_token_reads_but_cannot_mutate_and_a_read_write_one_can() {
    let app = TestApp::spawn().await;
    let admin = app.register(CNPJ_A, "a@example.com").await;
    create_customer(&app, &admin, "Maria Silva", "529.982.247-25").await.data();
    let (_, read_only) = token(&app, &admin, "BI", "READ_ONLY").await;
    let (_, read_write) = token(&app, &admin, "ERP", "READ_WRITE").await;

    let read = app.op("Customers", json!({}), Some(&read_only)).await;
    assert_eq!(customer_names(&read), vec![json!("Maria Silva")]);
    create_customer(&app, &read_only, "João", "111.444.777-35").await.assert_error("FORBIDDEN", None);
    // Whatever the mutation, and also when it is one of several operations of the document.
    app.graphql("mutation { signOut }", json!({}), Some(&read_only)).await.assert_error("FORBIDDEN", None);
    let two = "query Q { me { id } } mutation M { signOut }";
    let body = json!({ "query": two, "operationName": "M" });
    let request = axum::http::Request::post("/graphql")
        .header("authorization", format!("Bearer {read_only}"))
        .header("content-type", "application/json")
        .body(axum::body::Body::from(body.to_string()))
        .unwrap();
    app.send(request).await.assert_error("FORBIDDEN", None);

    let created = create_customer(&app, &read_write, "Carlos Souza", "390.533.447-05").await;
    assert!(created.data()["createCustomer"]["id"].is_string());
    let read = app.op("Customers", json!({}), Some(&read_write)).await;
    assert_eq!(customer_names(&read).len(), 2);
}

#[tokio::test(flavor = "multi_thread")]
async fn tokens_cannot_manage_tokens_nor_can_non_admins() {
    let app = TestApp::spawn().await;
    let admin = app.register(CNPJ_A, "a@example.com").await;
    let (id, read_write) = token(&app, &admin, "ERP", "READ_WRITE").await;
    let operator = app.add_staff(&admin, "op@example.com", "OPERATOR").await;
    let mechanic = app.add_staff(&admin, "mec@example.com", "MECHANIC").await;
    for caller in [&read_write, &operator, &mechanic] {
        create(&app, caller, "Outro", "READ_WRITE", &in_days(30)).await.assert_error("FORBIDDEN", None);
        app.op("ApiTokens", json!({}), Some(caller)).await.assert_error("FORBIDDEN", None);
        app.op("RevokeApiToken", json!({ "id": id }), Some(caller)).await.assert_error("FORBIDDEN", None);
    }
    app.op("ApiTokens", json!({}), None).await.assert_error("UNAUTHENTICATED", None);
}

#[tokio::test(flavor = "multi_thread")]
async fn an_expired_token_is_refused() {
    let app = TestApp::spawn().await;
    let admin = app.register(CNPJ_A, "a@example.com").await;
    let (id, secret) = token(&app, &admin, "ERP", "READ_WRITE").await;
    app.graphql(CUSTOMERS, json!({}), Some(&secret)).await.data();
    {
        use diesel::prelude::*;
        use diesel_async::RunQueryDsl;
        use oficina_domain::schema::api_tokens;
        let past = (Utc::now() - chrono::Duration::seconds(1)).naive_utc();
        let id: i64 = id.parse().unwrap();
        let mut pooled = app.state.db.get().await.unwrap();
        oficina_domain::run!(&mut pooled.conn(), |c| {
            diesel::update(api_tokens::table.find(id)).set(api_tokens::expires_at.eq(past)).execute(c).await
        })
        .unwrap();
    }
    app.graphql(CUSTOMERS, json!({}), Some(&secret)).await.assert_error("UNAUTHENTICATED", None);
    app.graphql(CUSTOMERS, json!({}), Some("ofc_not-a-token")).await.assert_error("UNAUTHENTICATED", None);
}

#[tokio::test(flavor = "multi_thread")]
async fn another_workshops_token_sees_nothing_of_this_one() {
    let app = TestApp::spawn().await;
    let admin_a = app.register(CNPJ_A, "a@example.com").await;
    let admin_b = app.register(CNPJ_B, "b@example.com").await;
    create_customer(&app, &admin_a, "Maria Silva", "529.982.247-25").await.data();
    let (id_a, _) = token(&app, &admin_a, "ERP A", "READ_WRITE").await;
    let (_, secret_b) = token(&app, &admin_b, "ERP B", "READ_WRITE").await;

    let read = app.op("Customers", json!({}), Some(&secret_b)).await;
    assert!(customer_names(&read).is_empty());
    let listed = app.op("ApiTokens", json!({}), Some(&admin_b)).await;
    assert_eq!(listed.data()["apiTokens"].as_array().unwrap().len(), 1);
    assert_eq!(listed.data()["apiTokens"][0]["name"], "ERP B");
    let revoke = app.op("RevokeApiToken", json!({ "id": id_a }), Some(&admin_b)).await;
    revoke.assert_error("NOT_FOUND", None);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_token_in_connection_init_subscribes_and_its_revocation_closes_the_socket() {
    let app = TestApp::spawn().await;
    let admin = app.register(CNPJ_A, "a@example.com").await;
    let (id, read_only) = token(&app, &admin, "Painel da TV", "READ_ONLY").await;
    let (_, read_write) = token(&app, &admin, "ERP", "READ_WRITE").await;
    let addr = app.serve().await;
    let mut socket = WsClient::signed_in(addr, &read_only).await;
    socket.subscribe("1", EVENTS).await;
    create_customer(&app, &read_write, "Maria Silva", "529.982.247-25").await.data();
    let event = socket.next().await.expect("an event");
    assert_eq!(event["payload"]["data"]["workshopEvents"]["kind"], "customer.created", "{event}");
    assert_eq!(event["payload"]["data"]["workshopEvents"]["actor"]["name"], "ERP", "the actor is the token");

    // A mutation over the socket is refused as over HTTP.
    let mutation =
        "mutation { createCustomer(input: { name: \"João\", document: \"876.555.437-04\" }) { id } }";
    socket.subscribe("2", mutation).await;
    let refused = socket.next().await.expect("an answer");
    assert_eq!(refused["payload"]["errors"][0]["extensions"]["code"], "FORBIDDEN", "{refused}");

    app.op("RevokeApiToken", json!({ "id": id }), Some(&admin)).await.data();
    assert_eq!(socket.close_code(WAIT).await, Some(4401));
    let mut refused = WsClient::connect(addr).await;
    refused.init_with_bearer(&read_only).await;
    assert_eq!(refused.close_code(WAIT).await, Some(4401));
}

#[tokio::test(flavor = "multi_thread")]
async fn with_redis_revoking_a_token_on_node_a_closes_its_socket_on_node_b() {
    let Some((node_a, node_b)) = two_nodes_sharing_redis().await else { return };
    let admin = node_a.register(CNPJ_A, "a@example.com").await;
    let (id, secret) = token(&node_a, &admin, "ERP", "READ_ONLY").await;
    let mut socket = WsClient::signed_in(node_b.serve().await, &secret).await;
    node_a.op("RevokeApiToken", json!({ "id": id }), Some(&admin)).await.data();
    assert_eq!(socket.close_code(WAIT).await, Some(4401));
}

#[tokio::test(flavor = "multi_thread")]
async fn the_list_costs_the_same_statements_for_one_token_or_many_and_use_writes_once_a_minute() {
    let app = TestApp::counting_statements().await;
    let admin = app.register(CNPJ_A, "a@example.com").await;
    let list = crate::helpers::contract::operation("ApiTokens");
    let ok = |response: &crate::helpers::Response| {
        response.data();
    };
    let (_, secret) = token(&app, &admin, "ERP 0", "READ_ONLY").await;
    let one = app.fewest_statements(&list, json!({}), &admin, ok).await;
    for i in 1..5 {
        token(&app, &admin, &format!("ERP {i}"), "READ_ONLY").await;
    }
    let many = app.fewest_statements(&list, json!({}), &admin, ok).await;
    assert_eq!(one, many, "the session and the list");
    assert!(one <= 2, "the session and the list: {one}");
    // The first use marks the token used; the next ones within the minute only read it.
    let first = app.fewest_statements(CUSTOMERS, json!({}), &secret, ok).await;
    let session = app.fewest_statements(CUSTOMERS, json!({}), &admin, ok).await;
    assert_eq!(first, session, "a token costs what a session does once marked used");
}
