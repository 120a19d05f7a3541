//! Several nodes: the event bus through Redis reaches every node once, and survives Redis going
//! away and coming back (each node keeps serving its own subscribers meanwhile); the rate limits
//! keep counting, on each node alone, while Redis is down.

use std::time::Duration;

use serde_json::{Value, json};

use crate::helpers::redis_server::RedisServer;
use crate::helpers::ws::WsClient;
use crate::helpers::{CNPJ_A, Options, PASSWORD, TestApp};
use crate::live::subscribe;

const CPF: &str = "529.982.247-25";

/// A node whose bus and rate limits use the Redis at `url`.
fn on_redis(url: &str) -> Options {
    Options {
        redis_namespace: Some("oficina-cluster-test".into()),
        redis_url: Some(url.to_owned()),
        ..Options::default()
    }
}

/// Two nodes on one database whose bus and rate limits use the Redis at `url`.
async fn two_nodes(url: &str) -> (TestApp, TestApp) {
    let node_a = TestApp::spawn_with(on_redis(url)).await;
    let node_b = node_a.another_node(on_redis(url)).await;
    (node_a, node_b)
}

/// A signed-in subscriber to the workshop's events on `node`.
async fn watcher(node: &TestApp, token: &str) -> WsClient {
    let mut client = WsClient::signed_in(node.serve().await, token).await;
    subscribe(&mut client).await;
    client
}

/// Creates the customer the changes below rename; returns its id.
async fn create_customer(node: &TestApp, token: &str) -> String {
    let input = json!({ "input": { "name": "Maria Silva", "document": CPF } });
    let created = node.op("CreateCustomer", input, Some(token)).await;
    created.data()["createCustomer"]["id"].as_str().unwrap().to_owned()
}

/// One change (the customer renamed) through `node`; the mutation must succeed.
async fn change(node: &TestApp, token: &str, customer: &str, name: &str) {
    let input = json!({ "id": customer, "input": { "name": name, "document": CPF } });
    node.op("UpdateCustomer", input, Some(token)).await.data();
}

/// The next event pushed to `client` (5 s at most): its (id, kind).
async fn next_event(client: &mut WsClient) -> (String, String) {
    let next = client.next_within(Duration::from_secs(5)).await.expect("an event");
    event_of(&next)
}

fn event_of(message: &Value) -> (String, String) {
    assert_eq!(message["type"], "next", "{message}");
    let event = &message["payload"]["data"]["workshopEvents"];
    (event["id"].as_str().unwrap().to_owned(), event["kind"].as_str().unwrap().to_owned())
}

#[tokio::test(flavor = "multi_thread")]
async fn through_redis_every_node_receives_each_change_once() {
    let Some(redis) = RedisServer::start().await else { return };
    let (node_a, node_b) = two_nodes(&redis.url()).await;
    let admin = node_a.register(CNPJ_A, "a@example.com").await;
    let mut on_a = watcher(&node_a, &admin).await;
    let mut on_b = watcher(&node_b, &admin).await;

    // A change on A, one on B, one on A again: each node sees the three, in order, once. A node
    // that also took its own messages back from Redis would see the first again before the
    // second (Redis keeps the order of the channel).
    let customer = create_customer(&node_a, &admin).await;
    let first = next_event(&mut on_a).await;
    assert_eq!(first.1, "customer.created");
    assert_eq!(next_event(&mut on_b).await, first, "A's change crossed to B");
    change(&node_b, &admin, &customer, "Maria B").await;
    let second = next_event(&mut on_b).await;
    assert_eq!(second.1, "customer.updated");
    assert_eq!(next_event(&mut on_a).await, second, "B's change crossed to A, and A's first came once");
    change(&node_a, &admin, &customer, "Maria A").await;
    let third = next_event(&mut on_a).await;
    assert_eq!(third.1, "customer.updated");
    assert_ne!(third, second);
    assert_eq!(next_event(&mut on_b).await, third, "B's change came to B once");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_redis_outage_silences_no_node_and_cross_node_pushes_resume() {
    let Some(mut redis) = RedisServer::start().await else { return };
    let (node_a, node_b) = two_nodes(&redis.url()).await;
    let admin = node_a.register(CNPJ_A, "a@example.com").await;
    let mut on_a = watcher(&node_a, &admin).await;
    let mut on_b = watcher(&node_b, &admin).await;
    let customer = create_customer(&node_a, &admin).await;
    let created = next_event(&mut on_a).await;
    assert_eq!(next_event(&mut on_b).await, created);

    // Redis goes away during the subscriptions: changes still succeed, and reach their own node.
    redis.stop();
    for name in ["Maria 1", "Maria 2"] {
        change(&node_a, &admin, &customer, name).await;
        assert_eq!(next_event(&mut on_a).await.1, "customer.updated");
    }
    on_a.expect_open().await;
    on_b.expect_open().await;

    // Redis is back: once both nodes reconnected, A's changes reach B again (the changes made
    // before that are lost to B: pub/sub keeps nothing).
    redis.restart().await;
    let mut made_since = Vec::new();
    let mut crossed = None;
    for attempt in 0..40 {
        change(&node_a, &admin, &customer, &format!("Maria de novo {attempt}")).await;
        made_since.push(next_event(&mut on_a).await);
        if let Some(message) = on_b.next_within(Duration::from_millis(500)).await {
            crossed = Some(event_of(&message));
            break;
        }
    }
    let crossed = crossed.expect("a change crossed to B after Redis came back");
    assert!(made_since.contains(&crossed), "B got {crossed:?}, A made {made_since:?} since the restart");
    change(&node_b, &admin, &customer, "Maria outra vez").await;
    // B's own change, after any of A's later ones still on their way.
    let from_b = loop {
        let event = next_event(&mut on_b).await;
        if !made_since.contains(&event) {
            break event;
        }
    };
    assert_eq!(next_event(&mut on_a).await, from_b, "and B's changes reach A");
}

#[tokio::test(flavor = "multi_thread")]
async fn while_redis_is_down_sign_ins_are_still_limited_on_each_node() {
    let Some(mut redis) = RedisServer::start().await else { return };
    let node = TestApp::spawn_with(on_redis(&redis.url())).await;
    node.register(CNPJ_A, "ze@example.com").await;
    redis.stop();
    let wrong = json!({ "email": "ze@example.com", "password": "errada-errada" });
    for _ in 0..5 {
        node.op("SignIn", wrong.clone(), None).await.assert_error("UNAUTHENTICATED", None);
    }
    let right = json!({ "email": "ze@example.com", "password": PASSWORD });
    node.op("SignIn", right.clone(), None).await.assert_error("RATE_LIMITED", None);

    // Back to Redis once it is: its (new, empty) counts apply again.
    redis.restart().await;
    let signed_in = crate::helpers::wait_for(
        async || {
            let response = node.op("SignIn", right.clone(), None).await;
            response.body.get("errors").is_none().then_some(response)
        },
        "a sign-in counted in Redis again",
    )
    .await;
    assert!(signed_in.data()["signIn"]["token"].is_string());
}
