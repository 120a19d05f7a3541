//! The live path: committed events reach subscribers over a real WebSocket, per workshop,
//! on one node (in-process bus) and across nodes (Redis).

use std::time::Duration;

use serde_json::json;

use crate::helpers::ws::WsClient;
use crate::helpers::{CNPJ_A, CNPJ_B, Options, TestApp, redis_available};

const EVENTS: &str = "subscription { workshopEvents { id kind at actor { name } } }";

/// Subscribes to the workshop's events and waits until the subscription is live.
pub(crate) async fn subscribe(client: &mut WsClient) {
    client.subscribe("1", EVENTS).await;
    // The server answers nothing until an event comes; give it a moment to register.
    tokio::time::sleep(Duration::from_millis(200)).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn admins_receive_their_own_workshops_events_only() {
    let app = TestApp::spawn().await;
    let admin_a = app.register(CNPJ_A, "a@example.com").await;
    let admin_b = app.register(CNPJ_B, "b@example.com").await;
    let addr = app.serve().await;
    let mut watcher_a = WsClient::signed_in(addr, &admin_a).await;
    let mut watcher_b = WsClient::signed_in(addr, &admin_b).await;
    subscribe(&mut watcher_a).await;
    subscribe(&mut watcher_b).await;

    app.add_staff(&admin_a, "ana@example.com", "OPERATOR").await;
    let next = watcher_a.next_within(Duration::from_secs(5)).await.expect("an event for A");
    assert_eq!(next["type"], "next", "{next}");
    let event = &next["payload"]["data"]["workshopEvents"];
    assert_eq!(event["kind"], "staff.added");
    assert_eq!(event["actor"]["name"], "José Admin");
    assert!(event["at"].as_str().unwrap().ends_with('Z') || event["at"].as_str().unwrap().contains('+'));

    // B saw nothing of A; its first event is its own.
    app.add_staff(&admin_b, "bruno@example.com", "MECHANIC").await;
    let first_b = watcher_b.next_within(Duration::from_secs(5)).await.expect("an event for B");
    let event_b = &first_b["payload"]["data"]["workshopEvents"];
    assert_eq!(event_b["kind"], "staff.added");
    let second_a = watcher_a.next_within(Duration::from_secs(5)).await.expect("A's sign-in event");
    assert_eq!(second_a["payload"]["data"]["workshopEvents"]["kind"], "session.started");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_failed_change_publishes_nothing() {
    let app = TestApp::spawn().await;
    let admin = app.register(CNPJ_A, "a@example.com").await;
    let addr = app.serve().await;
    let mut watcher = WsClient::signed_in(addr, &admin).await;
    subscribe(&mut watcher).await;
    let duplicate = json!({ "input": { "name": "X", "email": "a@example.com", "password": "senha-segura-123", "role": "OPERATOR" }});
    app.op("AddStaff", duplicate, Some(&admin)).await.assert_error("CONFLICT", Some("input.email"));
    assert!(watcher.next_within(Duration::from_millis(800)).await.is_none());
}

#[tokio::test(flavor = "multi_thread")]
async fn a_customer_export_is_published_like_any_change() {
    use axum::body::Body;
    use axum::http::{Request, StatusCode, header};
    let app = TestApp::spawn().await;
    let admin = app.register(CNPJ_A, "a@example.com").await;
    let addr = app.serve().await;
    let mut watcher = WsClient::signed_in(addr, &admin).await;
    subscribe(&mut watcher).await;
    let request = Request::get("/export/customers.csv?search=maria")
        .header(header::COOKIE, format!("oficina_session={admin}"))
        .header("sec-fetch-site", "same-origin")
        .body(Body::empty())
        .unwrap();
    assert_eq!(app.send(request).await.status, StatusCode::OK);
    let next = watcher.next_within(Duration::from_secs(5)).await.expect("the export's event");
    assert_eq!(next["payload"]["data"]["workshopEvents"]["kind"], "customers.exported", "{next}");
}

#[tokio::test(flavor = "multi_thread")]
async fn only_admins_may_subscribe() {
    let app = TestApp::spawn().await;
    let admin = app.register(CNPJ_A, "a@example.com").await;
    let operator = app.add_staff(&admin, "op@example.com", "OPERATOR").await;
    let addr = app.serve().await;
    let mut client = WsClient::signed_in(addr, &operator).await;
    client.subscribe("1", EVENTS).await;
    let answer = client.next_within(Duration::from_secs(5)).await.expect("an answer");
    assert_eq!(answer["payload"]["errors"][0]["extensions"]["code"], "FORBIDDEN", "{answer}");
    assert!(answer["payload"]["data"].is_null());
}

#[tokio::test(flavor = "multi_thread")]
async fn connections_without_a_valid_token_are_closed_with_4401() {
    let app = TestApp::spawn().await;
    let addr = app.serve().await;
    for payload in [json!({}), json!({ "authorization": "Bearer not-a-session" })] {
        let mut client = WsClient::connect(addr).await;
        client.send(json!({ "type": "connection_init", "payload": payload })).await;
        assert_eq!(client.close_code(Duration::from_secs(5)).await, Some(4401));
    }
    // A signed-out token no longer opens a connection.
    let admin = app.register(CNPJ_A, "a@example.com").await;
    app.op("SignOut", json!({}), Some(&admin)).await.data();
    let mut client = WsClient::connect(addr).await;
    client
        .send(json!({ "type": "connection_init", "payload": { "authorization": format!("Bearer {admin}") } }))
        .await;
    assert_eq!(client.close_code(Duration::from_secs(5)).await, Some(4401));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_connection_without_init_is_closed_with_4408() {
    let app = TestApp::spawn().await;
    let addr = app.serve().await;
    let mut client = WsClient::connect(addr).await;
    assert_eq!(client.close_code(Duration::from_secs(15)).await, Some(4408));
}

#[tokio::test(flavor = "multi_thread")]
async fn with_redis_a_change_on_node_a_reaches_a_subscriber_on_node_b() {
    let Some((node_a, node_b)) = two_nodes_sharing_redis().await else { return };
    let admin = node_a.register(CNPJ_A, "a@example.com").await;
    let mut watcher = WsClient::signed_in(node_b.serve().await, &admin).await;
    subscribe(&mut watcher).await;
    node_a.add_staff(&admin, "ana@example.com", "OPERATOR").await;
    let next = watcher.next_within(Duration::from_secs(5)).await.expect("the event crossed nodes");
    assert_eq!(next["payload"]["data"]["workshopEvents"]["kind"], "staff.added");
}

#[tokio::test(flavor = "multi_thread")]
async fn with_redis_sign_in_failures_count_across_nodes() {
    let Some((node_a, node_b)) = two_nodes_sharing_redis().await else { return };
    node_a.register(CNPJ_A, "a@example.com").await;
    for node in [&node_a, &node_b, &node_a, &node_b, &node_a] {
        let response =
            node.op("SignIn", json!({ "email": "a@example.com", "password": "errada-errada" }), None).await;
        response.assert_error("UNAUTHENTICATED", None);
    }
    let limited =
        node_b.op("SignIn", json!({ "email": "a@example.com", "password": "senha-segura-123" }), None).await;
    limited.assert_error("RATE_LIMITED", None);
}

/// Two nodes on one database whose bus and rate limits share a Redis namespace of their own;
/// `None` (the test is skipped) without `TEST_REDIS_URL`.
pub(crate) async fn two_nodes_sharing_redis() -> Option<(TestApp, TestApp)> {
    if !redis_available() {
        return None;
    }
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().subsec_nanos();
    let namespace = format!("oficina-test-{}-{nanos}", std::process::id());
    let options =
        |namespace: &str| Options { redis_namespace: Some(namespace.to_owned()), ..Options::default() };
    let node_a = TestApp::spawn_with(options(&namespace)).await;
    let node_b = node_a.another_node(options(&namespace)).await;
    Some((node_a, node_b))
}

/// The apps of a live test: the one it changes things on, and the one its subscribers watch;
/// two nodes sharing Redis when `TEST_REDIS_URL` is set, else one app as both.
pub(crate) struct LiveNodes {
    changed: TestApp,
    other: Option<TestApp>,
}

impl LiveNodes {
    pub(crate) async fn start() -> Self {
        let nodes = if redis_available() { two_nodes_sharing_redis().await } else { None };
        match nodes {
            Some((changed, other)) => Self { changed, other: Some(other) },
            None => Self { changed: TestApp::spawn().await, other: None },
        }
    }

    /// Where the test changes things.
    pub(crate) fn changed(&self) -> &TestApp {
        &self.changed
    }

    /// Where the subscribers watch: the other node, or the same app.
    pub(crate) fn watched(&self) -> &TestApp {
        self.other.as_ref().unwrap_or(&self.changed)
    }
}
