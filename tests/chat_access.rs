//! Chat, who sees and does what: roles × operations on the demo workshop, another workshop's ids,
//! and who receives which message and change live (on one node, or across two with Redis).

use std::time::Duration;

use serde_json::{Value, json};

use crate::chat::{ONE, opened, send, sent};
use crate::demo::demo_sign_in;
use crate::helpers::ws::{Watcher, WsClient};
use crate::helpers::{CNPJ_A, CNPJ_B, Options, Response, TestApp};
use crate::live::LiveNodes;
use crate::scheduling::{customer, shop};
use crate::service_order_access::{FORBIDDEN, NOT_FOUND, OK, ROLES, UNAUTHENTICATED};

/// Each operation's outcome per role. "mine" is the demo customer's (Carlos's) conversation;
/// "other" is another customer's.
#[rustfmt::skip]
const TABLE: &[(&str, [&str; 6])] = &[
    //                              ADMIN  OPERATOR   MECHANIC   CUSTOMER   PARTNER    ANONYMOUS
    ("conversations",               [OK,   OK,        FORBIDDEN, OK,        FORBIDDEN, UNAUTHENTICATED]),
    ("conversation(mine)",          [OK,   OK,        FORBIDDEN, OK,        FORBIDDEN, UNAUTHENTICATED]),
    ("conversation(other)",         [OK,   OK,        FORBIDDEN, NOT_FOUND, FORBIDDEN, UNAUTHENTICATED]),
    ("myConversation",              [FORBIDDEN, FORBIDDEN, FORBIDDEN, OK,   FORBIDDEN, UNAUTHENTICATED]),
    ("chatAssignees",               [OK,   OK,        FORBIDDEN, FORBIDDEN, FORBIDDEN, UNAUTHENTICATED]),
    ("sendChatMessage(mine)",       [OK,   OK,        FORBIDDEN, OK,        FORBIDDEN, UNAUTHENTICATED]),
    ("sendChatMessage(other)",      [OK,   OK,        FORBIDDEN, NOT_FOUND, FORBIDDEN, UNAUTHENTICATED]),
    ("markConversationRead(mine)",  [OK,   OK,        FORBIDDEN, OK,        FORBIDDEN, UNAUTHENTICATED]),
    ("markConversationRead(other)", [OK,   OK,        FORBIDDEN, NOT_FOUND, FORBIDDEN, UNAUTHENTICATED]),
    ("assignConversation(mine)",    [OK,   OK,        FORBIDDEN, FORBIDDEN, FORBIDDEN, UNAUTHENTICATED]),
    ("resolveConversation(mine)",   [OK,   OK,        FORBIDDEN, FORBIDDEN, FORBIDDEN, UNAUTHENTICATED]),
];

fn expected(operation: &str, column: usize) -> &'static str {
    let (_, row) = TABLE.iter().find(|(name, _)| *name == operation).unwrap_or_else(|| panic!("{operation}"));
    row[column]
}

const ASSIGN: &str =
    "mutation($id: ID!, $staffId: ID) { assignConversation(id: $id, staffId: $staffId) { id } }";
const RESOLVE: &str = "mutation($id: ID!) { resolveConversation(id: $id) { id status } }";

/// Every chat operation as every role of the demo workshop, with the demo's conversations: an
/// operation a role may not do is refused with the table's code and writes nothing.
#[tokio::test(flavor = "multi_thread")]
async fn role_matrix() {
    let app = TestApp::spawn_with(Options { demo: true, ..Options::default() }).await;
    let demo = |email: &'static str| demo_sign_in(&app, email);
    let admin = demo("admin@demo.oficina.app").await;
    let carlos = demo("cliente@demo.oficina.app").await;
    let mine = app.graphql("{ myConversation { id } }", json!({}), Some(&carlos)).await;
    let mine =
        mine.data()["myConversation"]["id"].as_str().expect("the demo customer's conversation").to_owned();
    let inbox = app.op("Conversations", json!({ "first": 10 }), Some(&admin)).await;
    let other = inbox.data()["conversations"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["id"].as_str().unwrap().to_owned())
        .find(|id| *id != mine)
        .expect("another demo conversation");
    let assignees = app.graphql("{ chatAssignees { id } }", json!({}), Some(&admin)).await;
    let staff_id = assignees.data()["chatAssignees"][0]["id"].clone();
    let tokens = [
        Some(admin.clone()),
        Some(demo("operador@demo.oficina.app").await),
        Some(demo("mecanica@demo.oficina.app").await),
        Some(carlos.clone()),
        Some(demo("parceiro@demo.oficina.app").await),
        None,
    ];
    for (column, (role, token)) in ROLES.iter().zip(&tokens).enumerate() {
        let token = token.as_deref();
        // Each column starts with Carlos's conversation open and unassigned.
        sent(&app, &carlos, None, &format!("Uma pergunta para {role}")).await;
        app.graphql(ASSIGN, json!({ "id": mine, "staffId": null }), Some(&admin)).await.data();
        let reads: Vec<(&str, Response)> = vec![
            ("conversations", app.op("Conversations", json!({ "first": 10 }), token).await),
            ("conversation(mine)", app.op("Conversation", json!({ "id": mine, "last": 5 }), token).await),
            ("conversation(other)", app.op("Conversation", json!({ "id": other, "last": 5 }), token).await),
            ("myConversation", app.graphql("{ myConversation { id } }", json!({}), token).await),
            ("chatAssignees", app.graphql("{ chatAssignees { id } }", json!({}), token).await),
        ];
        let events = app.event_count().await;
        let body = |to: &str| json!({ "conversationId": to, "body": format!("{role} escreve") });
        let writes: Vec<(&str, Response)> = vec![
            ("sendChatMessage(mine)", app.op("SendChatMessage", body(&mine), token).await),
            ("sendChatMessage(other)", app.op("SendChatMessage", body(&other), token).await),
            (
                "markConversationRead(mine)",
                app.op("MarkConversationRead", json!({ "id": mine }), token).await,
            ),
            (
                "markConversationRead(other)",
                app.op("MarkConversationRead", json!({ "id": other }), token).await,
            ),
            (
                "assignConversation(mine)",
                app.graphql(ASSIGN, json!({ "id": mine, "staffId": staff_id }), token).await,
            ),
            ("resolveConversation(mine)", app.graphql(RESOLVE, json!({ "id": mine }), token).await),
        ];
        let allowed = writes.iter().filter(|(name, _)| expected(name, column) == OK).count() as i64;
        // Each allowed write records one event, and the staff's read of "other" may find nothing
        // new to read (the previous column's staff read it).
        let written = app.event_count().await - events;
        assert!(
            written <= allowed && written >= allowed - 1,
            "{role}: {written} events for {allowed} writes"
        );
        let outcomes: Vec<(&str, Response)> = reads.into_iter().chain(writes).collect();
        assert_eq!(outcomes.len(), TABLE.len());
        for (name, response) in &outcomes {
            match expected(name, column) {
                OK => assert!(response.body.get("errors").is_none(), "{role} {name}: {:#}", response.body),
                code => response.assert_error(code, None),
            }
        }
        if column == 3 {
            let own = outcomes[0].1.data()["conversations"]["edges"].as_array().unwrap().len();
            assert_eq!(own, 1, "the customer lists only their own");
        }
    }
}

/// Every id of another workshop is NOT_FOUND, its conversations are in no list, and nothing
/// changes on either side.
#[tokio::test(flavor = "multi_thread")]
async fn another_workshops_ids_are_not_found() {
    let app = TestApp::spawn().await;
    let a = shop(&app, CNPJ_A, "a@example.com", 1).await;
    let b = shop(&app, CNPJ_B, "b@example.com", 2).await;
    let theirs = opened(&app, &b.customer, "Oi, oficina B").await;
    let events = app.event_count().await;
    for token in [&a.admin, &a.customer] {
        app.op("Conversation", json!({ "id": theirs, "last": 5 }), Some(token))
            .await
            .assert_error(NOT_FOUND, None);
        send(&app, token, Some(&theirs), "Intruso").await.assert_error(NOT_FOUND, None);
        app.op("MarkConversationRead", json!({ "id": theirs }), Some(token))
            .await
            .assert_error(NOT_FOUND, None);
        let list = app.op("Conversations", json!({ "first": 10 }), Some(token)).await;
        assert_eq!(list.data()["conversations"]["edges"], json!([]));
    }
    app.graphql(ASSIGN, json!({ "id": theirs, "staffId": null }), Some(&a.admin))
        .await
        .assert_error(NOT_FOUND, None);
    app.graphql(RESOLVE, json!({ "id": theirs }), Some(&a.admin)).await.assert_error(NOT_FOUND, None);
    // B's admin is no assignee of A's conversations.
    let mine = opened(&app, &a.customer, "Oi, oficina A").await;
    let b_staff = app.graphql("{ chatAssignees { id } }", json!({}), Some(&b.admin)).await;
    let b_admin = b_staff.data()["chatAssignees"][0]["id"].clone();
    let refused = app.graphql(ASSIGN, json!({ "id": mine, "staffId": b_admin }), Some(&a.admin)).await;
    refused.assert_error("BAD_USER_INPUT", Some("staffId"));
    assert_eq!(app.event_count().await, events + 1, "only A's customer's own message was written");
    let still = app.graphql(ONE, json!({ "id": theirs }), Some(&b.admin)).await;
    assert_eq!(still.data()["conversation"]["unreadCount"], 1);
}

const CHANGED: &str = "subscription { conversationChanged { id unreadCount status \
    messages(last: 5) { edges { node { body readAt } } } } }";

async fn watch(addr: std::net::SocketAddr, name: &'static str, token: &str) -> Watcher {
    let mut client = WsClient::signed_in(addr, token).await;
    client.subscribe("messages", &crate::helpers::contract::operation("ChatMessageReceived")).await;
    client.subscribe("changes", CHANGED).await;
    Watcher { name, client }
}

/// The next message of `watcher`, on subscription `id`: its payload.
async fn next_on(watcher: &mut Watcher, id: &str) -> Value {
    let next = watcher.next().await;
    assert_eq!(next["id"], id, "{}: {next}", watcher.name);
    next["payload"].clone()
}

/// Asserts the next message of `watcher` is the message `body` of conversation `conversation`.
async fn expect_message(watcher: &mut Watcher, conversation: &str, body: &str) {
    let payload = next_on(watcher, "messages").await;
    let message = &payload["data"]["chatMessageReceived"];
    assert_eq!(
        (message["body"].as_str(), message["conversation"]["id"].as_str()),
        (Some(body), Some(conversation)),
        "{}: {payload}",
        watcher.name
    );
}

/// Staff receive every message and change of their workshop's conversations, a customer only
/// their own conversation's, another workshop's staff none, a MECHANIC is refused; on one node,
/// or with Redis across two (a message sent on node A reaches subscribers of node B).
#[tokio::test(flavor = "multi_thread")]
async fn each_subscriber_receives_only_the_conversations_they_may_see() {
    let nodes = LiveNodes::start().await;
    let (app, watched) = (nodes.changed(), nodes.watched());
    let a = shop(app, CNPJ_A, "a@example.com", 1).await;
    let (_, _, customer_2) = customer(app, &a.admin, 2).await;
    let b = shop(app, CNPJ_B, "b@example.com", 3).await;
    let operator = app.add_staff(&a.admin, "op@example.com", "OPERATOR").await;
    let mechanic = app.add_staff(&a.admin, "mec@example.com", "MECHANIC").await;
    let addr = watched.serve().await;

    let mut refused = WsClient::signed_in(addr, &mechanic).await;
    refused.subscribe("messages", &crate::helpers::contract::operation("ChatMessageReceived")).await;
    let answer = refused.next_within(Duration::from_secs(5)).await.expect("an answer to the mechanic");
    let errors = if answer["type"] == "error" { &answer["payload"] } else { &answer["payload"]["errors"] };
    assert_eq!(errors[0]["extensions"]["code"], FORBIDDEN, "{answer}");

    let mut staff = watch(addr, "admin A", &a.admin).await;
    let mut op = watch(addr, "operator A", &operator).await;
    let mut one = watch(addr, "customer 1", &a.customer).await;
    let mut two = watch(addr, "customer 2", &customer_2).await;
    let mut other = watch(addr, "admin B", &b.admin).await;
    tokio::time::sleep(Duration::from_millis(300)).await;

    let first = opened(app, &a.customer, "Oi, aqui é o cliente 1").await;
    for w in [&mut staff, &mut op, &mut one] {
        expect_message(w, &first, "Oi, aqui é o cliente 1").await;
    }
    sent(app, &a.admin, Some(&first), "Olá, cliente 1!").await;
    for w in [&mut staff, &mut op, &mut one] {
        expect_message(w, &first, "Olá, cliente 1!").await;
    }
    let second = opened(app, &customer_2, "Cliente 2 aqui").await;
    for w in [&mut staff, &mut op, &mut two] {
        expect_message(w, &second, "Cliente 2 aqui").await;
    }
    // The customer reads: staff see "visto" live, the customer their count at zero.
    app.op("MarkConversationRead", json!({ "id": first }), Some(&a.customer)).await.data();
    for w in [&mut staff, &mut op, &mut one] {
        let payload = next_on(w, "changes").await;
        let changed = &payload["data"]["conversationChanged"];
        assert_eq!(changed["id"], first.as_str(), "{}: {payload}", w.name);
        let last = &changed["messages"]["edges"][1]["node"];
        assert_eq!(last["body"], "Olá, cliente 1!");
        assert!(last["readAt"].is_string(), "{}: visto: {payload}", w.name);
    }
    app.graphql(RESOLVE, json!({ "id": second }), Some(&operator)).await.data();
    for w in [&mut staff, &mut op, &mut two] {
        let payload = next_on(w, "changes").await;
        assert_eq!(payload["data"]["conversationChanged"]["status"], "RESOLVED", "{}: {payload}", w.name);
    }
    let theirs = opened(app, &b.customer, "Oficina B?").await;
    expect_message(&mut other, &theirs, "Oficina B?").await;
    // A refused message publishes nothing.
    send(app, &a.customer, Some(&second), "Não é minha").await.assert_error(NOT_FOUND, None);
    for w in [&mut staff, &mut op, &mut one, &mut two, &mut other] {
        w.expect_nothing().await;
    }
}
