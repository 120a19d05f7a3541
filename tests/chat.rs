//! Chat (contract: chat.graphql): a customer opens their conversation and staff answer, unread
//! counts and read receipts, the body's limits (and HTML kept as text), the per-user rate limit,
//! resolving and reopening, assignment and the inbox filters, both paginations, statement counts,
//! and the e-mail to an offline customer with its throttle.

use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use oficina_domain::chat::{NOTIFY_EVERY, OFFLINE_AFTER};
use oficina_domain::schema::{conversations, notifications};
use serde_json::{Value, json};

use crate::helpers::{CNPJ_A, Response, TestApp};
use crate::scheduling::{customer, shop};

/// One conversation as staff or its customer see it, with its messages.
pub(crate) const ONE: &str = "query($id: ID!) { conversation(id: $id) { id status unreadCount \
    lastActivityAt customer { id name } assignee { id name } lastMessage { id body } \
    messages(last: 100) { edges { node { id body mine readAt author { name role } } } } } }";
const MINE: &str = "{ myConversation { id status unreadCount assignee { id } lastMessage { body mine } } }";
const INBOX: &str = "query($filter: ConversationFilter, $first: Int, $after: String) { \
    conversations(filter: $filter, first: $first, after: $after) { \
    edges { cursor node { id status unreadCount lastActivityAt customer { name } } } \
    pageInfo { hasNextPage endCursor } } }";
const ASSIGN: &str = "mutation($id: ID!, $staffId: ID) { assignConversation(id: $id, staffId: $staffId) { \
    id assignee { id name role } } }";
const RESOLVE: &str = "mutation($id: ID!) { resolveConversation(id: $id) { id status } }";
const PAGE: &str = "query($id: ID!, $last: Int, $before: String) { conversation(id: $id) { \
    messages(last: $last, before: $before) { edges { cursor node { id body } } \
    pageInfo { hasPreviousPage startCursor } } } }";

/// Sends `body` as the holder of `token`, in `conversation` when given.
pub(crate) async fn send(app: &TestApp, token: &str, conversation: Option<&str>, body: &str) -> Response {
    app.op("SendChatMessage", json!({ "conversationId": conversation, "body": body }), Some(token)).await
}

/// Sends and returns the new message.
pub(crate) async fn sent(app: &TestApp, token: &str, conversation: Option<&str>, body: &str) -> Value {
    send(app, token, conversation, body).await.data()["sendChatMessage"].clone()
}

/// The customer's first message: the id of the conversation it opened.
pub(crate) async fn opened(app: &TestApp, customer: &str, body: &str) -> String {
    sent(app, customer, None, body).await["conversation"]["id"].as_str().unwrap().to_owned()
}

fn nodes(connection: &Value) -> Vec<Value> {
    connection["edges"].as_array().unwrap().iter().map(|e| e["node"].clone()).collect()
}

fn ids_of(connection: &Value) -> Vec<String> {
    nodes(connection).iter().map(|c| c["id"].as_str().unwrap().to_owned()).collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_customer_opens_the_conversation_staff_answer_and_each_side_sees_it_read() {
    let app = TestApp::spawn().await;
    let s = shop(&app, CNPJ_A, "a@example.com", 1).await;
    assert_eq!(app.graphql(MINE, json!({}), Some(&s.customer)).await.data()["myConversation"], Value::Null);
    let first = sent(&app, &s.customer, None, "  Olá! Meu carro já está pronto?\n ").await;
    assert_eq!(first["body"], "Olá! Meu carro já está pronto?", "trimmed");
    assert_eq!(first["author"], json!({ "name": "Cliente 1", "role": "CUSTOMER" }));
    let id = first["conversation"]["id"].as_str().unwrap().to_owned();
    // The customer's next message, with or without the id, goes to the same conversation.
    let again = sent(&app, &s.customer, Some(&id), "É o Argo.").await;
    assert_eq!(again["conversation"]["id"], id.as_str());

    let inbox = app.op("Conversations", json!({ "first": 10 }), Some(&s.admin)).await;
    let listed = nodes(&inbox.data()["conversations"]);
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0]["id"], id.as_str());
    assert_eq!(listed[0]["customer"]["name"], "Cliente 1");
    assert_eq!(listed[0]["unreadCount"], 2);
    assert_eq!(listed[0]["lastMessage"]["body"], "É o Argo.");

    let answer = sent(&app, &s.admin, Some(&id), "Olá! Fica pronto às 17h.").await;
    assert_eq!(answer["author"], json!({ "name": "José Admin", "role": "ADMIN" }));
    let mine = app.graphql(MINE, json!({}), Some(&s.customer)).await;
    let mine = &mine.data()["myConversation"];
    assert_eq!((mine["unreadCount"].as_i64(), mine["status"].as_str()), (Some(1), Some("OPEN")));
    assert_eq!(mine["lastMessage"], json!({ "body": "Olá! Fica pronto às 17h.", "mine": false }));
    assert_eq!(mine["assignee"], Value::Null);

    let history = app.op("Conversation", json!({ "id": id, "last": 10 }), Some(&s.customer)).await;
    let roles: Vec<String> = nodes(&history.data()["conversation"]["messages"])
        .iter()
        .map(|m| m["author"]["role"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(roles, ["CUSTOMER", "CUSTOMER", "ADMIN"], "oldest first");

    // Read receipts: each side's reading sets readAt on the other side's messages only.
    let read = app.op("MarkConversationRead", json!({ "id": id }), Some(&s.customer)).await;
    assert_eq!(read.data()["markConversationRead"], json!({ "id": id, "unreadCount": 0 }));
    let seen_by_staff = app.graphql(ONE, json!({ "id": id }), Some(&s.admin)).await;
    let messages = nodes(&seen_by_staff.data()["conversation"]["messages"]);
    assert_eq!(seen_by_staff.data()["conversation"]["unreadCount"], 2);
    assert!(messages[2]["readAt"].is_string(), "the customer saw the answer: {messages:#?}");
    assert!(messages[0]["readAt"].is_null() && messages[1]["readAt"].is_null());
    assert_eq!((messages[0]["mine"].as_bool(), messages[2]["mine"].as_bool()), (Some(false), Some(true)));
    let read = app.op("MarkConversationRead", json!({ "id": id }), Some(&s.admin)).await;
    assert_eq!(read.data()["markConversationRead"]["unreadCount"], 0);
    let seen = app.graphql(ONE, json!({ "id": id }), Some(&s.customer)).await;
    assert!(nodes(&seen.data()["conversation"]["messages"]).iter().all(|m| m["readAt"].is_string()));
    // Reading again changes nothing and records nothing.
    let events = app.event_count().await;
    app.op("MarkConversationRead", json!({ "id": id }), Some(&s.admin)).await.data();
    assert_eq!(app.event_count().await, events);

    // Staff must name the conversation.
    send(&app, &s.admin, None, "Para quem?").await.assert_error("BAD_USER_INPUT", Some("conversationId"));
}

/// A customer's first two messages sent at once open one conversation, not two.
#[tokio::test(flavor = "multi_thread")]
async fn two_first_messages_at_once_open_one_conversation() {
    let app = TestApp::spawn().await;
    let s = shop(&app, CNPJ_A, "a@example.com", 1).await;
    let (one, two) =
        tokio::join!(sent(&app, &s.customer, None, "Oi"), sent(&app, &s.customer, None, "Tudo bem?"));
    assert_eq!(one["conversation"]["id"], two["conversation"]["id"]);
    let inbox = app.op("Conversations", json!({ "first": 10 }), Some(&s.admin)).await;
    let listed = nodes(&inbox.data()["conversations"]);
    assert_eq!((listed.len(), listed[0]["unreadCount"].as_i64()), (1, Some(2)));
}

#[tokio::test(flavor = "multi_thread")]
async fn the_body_is_1_to_4000_characters_stored_as_typed() {
    let app = TestApp::spawn().await;
    let s = shop(&app, CNPJ_A, "a@example.com", 1).await;
    let events = app.event_count().await;
    send(&app, &s.customer, None, " \n\t ").await.assert_error("BAD_USER_INPUT", Some("body"));
    send(&app, &s.customer, None, &"a".repeat(4001)).await.assert_error("BAD_USER_INPUT", Some("body"));
    assert_eq!(app.event_count().await, events, "nothing was written");
    let html = "<img src=x onerror=alert(1)>";
    let id = opened(&app, &s.customer, html).await;
    let long = sent(&app, &s.customer, None, &"ç".repeat(4000)).await;
    assert_eq!(long["body"].as_str().unwrap().chars().count(), 4000);
    let seen = app.graphql(ONE, json!({ "id": id }), Some(&s.admin)).await;
    let messages = nodes(&seen.data()["conversation"]["messages"]);
    assert_eq!(messages[0]["body"], html, "returned verbatim, never escaped or stripped");
}

#[tokio::test(flavor = "multi_thread")]
async fn the_21st_message_in_a_minute_is_rate_limited() {
    let app = TestApp::spawn().await;
    let s = shop(&app, CNPJ_A, "a@example.com", 1).await;
    let id = opened(&app, &s.customer, "1").await;
    for n in 2..=20 {
        sent(&app, &s.customer, None, &n.to_string()).await;
    }
    let events = app.event_count().await;
    send(&app, &s.customer, None, "21").await.assert_error("RATE_LIMITED", None);
    assert_eq!(app.event_count().await, events, "the 21st wrote nothing");
    // The limit is the user's: staff still answer.
    sent(&app, &s.admin, Some(&id), "Calma, já respondo!").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn staff_resolve_a_conversation_and_the_customers_next_message_reopens_it() {
    let app = TestApp::spawn().await;
    let s = shop(&app, CNPJ_A, "a@example.com", 1).await;
    let id = opened(&app, &s.customer, "Obrigado pelo serviço!").await;
    let resolved = app.graphql(RESOLVE, json!({ "id": id }), Some(&s.admin)).await;
    assert_eq!(resolved.data()["resolveConversation"]["status"], "RESOLVED");
    app.graphql(RESOLVE, json!({ "id": id }), Some(&s.admin)).await.assert_error("CONFLICT", Some("id"));
    let list = |filter: &'static str| {
        let app = &app;
        let admin = s.admin.clone();
        async move {
            let inbox = app.graphql(INBOX, json!({ "filter": filter }), Some(&admin)).await;
            ids_of(&inbox.data()["conversations"])
        }
    };
    assert_eq!(list("ALL").await, Vec::<String>::new());
    assert_eq!(list("RESOLVED").await, [id.as_str()]);
    // A staff message leaves it resolved; the customer's reopens it.
    sent(&app, &s.admin, Some(&id), "Por nada!").await;
    assert_eq!(list("RESOLVED").await, [id.as_str()]);
    sent(&app, &s.customer, None, "Mais uma dúvida…").await;
    assert_eq!(list("ALL").await, [id.as_str()]);
    let reopened = app.graphql(ONE, json!({ "id": id }), Some(&s.admin)).await;
    assert_eq!(reopened.data()["conversation"]["status"], "OPEN");
}

#[tokio::test(flavor = "multi_thread")]
async fn staff_assign_conversations_to_admins_and_operators_and_filter_the_inbox() {
    let app = TestApp::spawn().await;
    let s = shop(&app, CNPJ_A, "a@example.com", 1).await;
    let (_, _, customer_2) = customer(&app, &s.admin, 2).await;
    let operator = app.add_staff(&s.admin, "op@example.com", "OPERATOR").await;
    app.add_staff(&s.admin, "mec@example.com", "MECHANIC").await;
    let first = opened(&app, &s.customer, "Oi").await;
    let second = opened(&app, &customer_2, "Olá").await;
    let assignees = app.graphql("{ chatAssignees { id name role } }", json!({}), Some(&operator)).await;
    let assignees = assignees.data()["chatAssignees"].as_array().unwrap().clone();
    let roles: Vec<&str> = assignees.iter().map(|a| a["role"].as_str().unwrap()).collect();
    assert_eq!(roles.len(), 2, "the admin and the operator, no mechanic: {assignees:#?}");
    assert!(roles.contains(&"ADMIN") && roles.contains(&"OPERATOR"));
    let op_id = assignees.iter().find(|a| a["role"] == "OPERATOR").unwrap()["id"].clone();
    let staff = app.graphql("{ staff { id role } }", json!({}), Some(&s.admin)).await;
    let mechanic_id =
        staff.data()["staff"].as_array().unwrap().iter().find(|m| m["role"] == "MECHANIC").unwrap()["id"]
            .clone();

    let assigned = app.graphql(ASSIGN, json!({ "id": first, "staffId": op_id }), Some(&s.admin)).await;
    assert_eq!(assigned.data()["assignConversation"]["assignee"]["role"], "OPERATOR");
    for bad in [mechanic_id, json!("999999"), json!("x")] {
        let refused = app.graphql(ASSIGN, json!({ "id": first, "staffId": bad }), Some(&s.admin)).await;
        refused.assert_error("BAD_USER_INPUT", Some("staffId"));
    }
    let ids = |token: String, filter: &'static str| {
        let app = &app;
        async move {
            let inbox = app.graphql(INBOX, json!({ "filter": filter }), Some(&token)).await;
            ids_of(&inbox.data()["conversations"])
        }
    };
    assert_eq!(ids(operator.clone(), "MINE").await, [first.as_str()]);
    assert_eq!(ids(s.admin.clone(), "MINE").await, Vec::<String>::new());
    assert_eq!(ids(s.admin.clone(), "UNASSIGNED").await, [second.as_str()]);
    assert_eq!(ids(s.admin.clone(), "ALL").await, [second.clone(), first.clone()], "newest activity first");
    // The customer sees their own, whatever the filter, and never the assignee.
    assert_eq!(ids(s.customer.clone(), "UNASSIGNED").await, [first.as_str()]);
    let mine = app.graphql(MINE, json!({}), Some(&s.customer)).await;
    assert_eq!(mine.data()["myConversation"]["assignee"], Value::Null);
    let unassigned = app.graphql(ASSIGN, json!({ "id": first, "staffId": null }), Some(&operator)).await;
    assert_eq!(unassigned.data()["assignConversation"]["assignee"], Value::Null);
}

#[tokio::test(flavor = "multi_thread")]
async fn both_lists_page_without_gaps_or_repeats() {
    let app = TestApp::spawn().await;
    let s = shop(&app, CNPJ_A, "a@example.com", 1).await;
    let mut customers = vec![s.customer.clone()];
    for n in 2..=5 {
        customers.push(customer(&app, &s.admin, n).await.2);
    }
    let mut opened_ids = vec![];
    for (n, token) in customers.iter().enumerate() {
        opened_ids.push(opened(&app, token, &format!("Oi, sou o cliente {}", n + 1)).await);
    }
    // An answer moves the first conversation to the top.
    sent(&app, &s.admin, Some(&opened_ids[0]), "Olá!").await;
    let expected: Vec<String> =
        std::iter::once(opened_ids[0].clone()).chain(opened_ids[1..].iter().rev().cloned()).collect();
    let (mut seen, mut after) = (vec![], None::<String>);
    loop {
        let page = app.graphql(INBOX, json!({ "first": 2, "after": after }), Some(&s.admin)).await;
        let page = &page.data()["conversations"];
        seen.extend(ids_of(page));
        if !page["pageInfo"]["hasNextPage"].as_bool().unwrap() {
            break;
        }
        after = page["pageInfo"]["endCursor"].as_str().map(str::to_owned);
    }
    assert_eq!(seen, expected);
    app.graphql(INBOX, json!({ "after": "not a cursor" }), Some(&s.admin))
        .await
        .assert_error("BAD_USER_INPUT", Some("after"));

    // 24 messages, 12 from each side (within both users' limits), read back 5 at a time.
    let id = &opened_ids[0];
    let mut bodies = vec!["Oi, sou o cliente 1".to_owned(), "Olá!".to_owned()];
    for n in 0..22 {
        let (token, body) =
            if n % 2 == 0 { (&s.customer, format!("c{n}")) } else { (&s.admin, format!("s{n}")) };
        sent(&app, token, Some(id), &body).await;
        bodies.push(body);
    }
    let (mut read, mut before) = (vec![], None::<String>);
    loop {
        let page =
            app.graphql(PAGE, json!({ "id": id, "last": 5, "before": before }), Some(&s.customer)).await;
        let page = &page.data()["conversation"]["messages"];
        let mut older: Vec<String> =
            nodes(page).iter().map(|m| m["body"].as_str().unwrap().to_owned()).collect();
        older.extend(read);
        read = older;
        if !page["pageInfo"]["hasPreviousPage"].as_bool().unwrap() {
            break;
        }
        before = page["pageInfo"]["startCursor"].as_str().map(str::to_owned);
    }
    assert_eq!(read, bodies);
    let too_many = app.graphql(PAGE, json!({ "id": id, "last": 101 }), Some(&s.admin)).await;
    too_many.assert_error("BAD_USER_INPUT", Some("last"));
}

/// The inbox with its last messages and assignees, and a page of messages with their
/// conversation, cost the same statements for 2 items as for 6.
#[tokio::test(flavor = "multi_thread")]
async fn lists_do_not_grow_queries_with_their_length() {
    let app = TestApp::counting_statements().await;
    let s = shop(&app, CNPJ_A, "a@example.com", 1).await;
    let operator = app.add_staff(&s.admin, "op@example.com", "OPERATOR").await;
    let assignees = app.graphql("{ chatAssignees { id } }", json!({}), Some(&s.admin)).await;
    let staff_ids: Vec<Value> = assignees.data()["chatAssignees"].as_array().unwrap().clone();
    let inbox = "{ conversations(first: 50) { edges { node { id status unreadCount lastActivityAt \
        customer { name } assignee { name } lastMessage { body mine readAt author { name role } } } } } }";
    let messages = "query($id: ID!) { conversation(id: $id) { messages(last: 50) { edges { node { \
        id body mine readAt author { role } conversation { id unreadCount } } } } } }";
    let count = |query: &'static str, variables: Value, token: String, expected: usize| {
        let app = &app;
        async move {
            app.fewest_statements(query, variables, &token, |response| {
                let data = response.data();
                let connection = data.get("conversations").unwrap_or(&data["conversation"]["messages"]);
                assert_eq!(connection["edges"].as_array().unwrap().len(), expected, "{:#}", response.body);
            })
            .await
        }
    };
    let mut tokens = vec![s.customer.clone()];
    for n in 2..=6 {
        tokens.push(customer(&app, &s.admin, n).await.2);
    }
    let mut ids = vec![];
    let add = async |i: usize, ids: &mut Vec<String>| {
        let id = opened(&app, &tokens[i], "Bom dia").await;
        sent(&app, &operator, Some(&id), "Bom dia!").await;
        let staff = &staff_ids[i % staff_ids.len()]["id"];
        app.graphql(ASSIGN, json!({ "id": id, "staffId": staff }), Some(&s.admin)).await.data();
        ids.push(id);
    };
    for i in 0..2 {
        add(i, &mut ids).await;
    }
    let small = (
        count(inbox, json!({}), s.admin.clone(), 2).await,
        count(messages, json!({ "id": ids[0] }), s.admin.clone(), 2).await,
    );
    for i in 2..6 {
        add(i, &mut ids).await;
    }
    for n in 0..4 {
        sent(&app, &s.customer, Some(&ids[0]), &format!("mais {n}")).await;
    }
    let large = (
        count(inbox, json!({}), s.admin.clone(), 6).await,
        count(messages, json!({ "id": ids[0] }), s.admin.clone(), 6).await,
    );
    assert_eq!(large, small, "(inbox, messages) statements, short vs long");
}

/// The e-mail row queued for the customer's offline notice, if any: (id, due, processed, error).
type Row = (i64, NaiveDateTime, Option<NaiveDateTime>, Option<String>, String, String);

async fn notices(app: &TestApp) -> Vec<Row> {
    let mut pooled = app.state.db.get().await.unwrap();
    oficina_domain::run!(&mut pooled.conn(), |c| {
        notifications::table
            .filter(notifications::kind.eq("NEW_CHAT_MESSAGE"))
            .order(notifications::id)
            .select((
                notifications::id,
                notifications::next_attempt_at,
                notifications::processed_at,
                notifications::last_error,
                notifications::recipient,
                notifications::payload,
            ))
            .load(c)
            .await
    })
    .unwrap()
}

/// Moves the time the conversation last queued an e-mail `back`.
async fn notified_earlier(app: &TestApp, id: &str, back: Duration) {
    let id: i64 = id.parse().unwrap();
    let mut pooled = app.state.db.get().await.unwrap();
    oficina_domain::run!(&mut pooled.conn(), |c| {
        let at: Option<NaiveDateTime> =
            conversations::table.find(id).select(conversations::customer_notified_at).first(c).await.unwrap();
        diesel::update(conversations::table.find(id))
            .set(conversations::customer_notified_at.eq(at.map(|at| at - back)))
            .execute(c)
            .await
    })
    .unwrap();
}

/// Records the notification `id` as delivered.
async fn delivered(app: &TestApp, id: i64) {
    let mut pooled = app.state.db.get().await.unwrap();
    oficina_domain::run!(&mut pooled.conn(), |c| {
        diesel::update(notifications::table.find(id))
            .set(notifications::processed_at.eq(Utc::now().naive_utc()))
            .execute(c)
            .await
    })
    .unwrap();
}

/// A staff message queues "você tem uma nova mensagem" for the customer's login, due 5 minutes
/// later; the customer reading first withdraws it; at most one goes out an hour.
#[tokio::test(flavor = "multi_thread")]
async fn an_offline_customer_gets_one_email_an_hour_withdrawn_when_they_read_first() {
    let app = TestApp::spawn().await;
    let s = shop(&app, CNPJ_A, "a@example.com", 1).await;
    let id = opened(&app, &s.customer, "Oi").await;
    assert!(notices(&app).await.is_empty(), "the customer's own message mails nobody");
    let answer = sent(&app, &s.admin, Some(&id), "Olá! Já vamos ver.").await;
    let sent_at: DateTime<Utc> = answer["sentAt"].as_str().unwrap().parse().unwrap();
    let rows = notices(&app).await;
    assert_eq!(rows.len(), 1);
    let (first, due, processed, _, recipient, payload) = rows[0].clone();
    assert_eq!(recipient, "cliente1@example.com");
    assert!(processed.is_none());
    assert!(
        (due.and_utc() - (sent_at + OFFLINE_AFTER)).num_seconds().abs() <= 1,
        "due {due}, sent {sent_at}"
    );
    let payload: Value = serde_json::from_str(&payload).unwrap();
    assert_eq!(payload["workshop"], "Oficina a@example.com");

    // Within the hour: nothing more, whether the first went out or not.
    sent(&app, &s.admin, Some(&id), "Mais um detalhe.").await;
    assert_eq!(notices(&app).await.len(), 1);
    delivered(&app, first).await;
    app.op("MarkConversationRead", json!({ "id": id }), Some(&s.customer)).await.data();
    assert_eq!(notices(&app).await[0].3, None, "a delivered e-mail is not withdrawn");
    sent(&app, &s.admin, Some(&id), "Está pronto.").await;
    assert_eq!(notices(&app).await.len(), 1, "one an hour");

    // An hour later the next staff message queues another; the customer reads it in time.
    notified_earlier(&app, &id, NOTIFY_EVERY + Duration::minutes(1)).await;
    sent(&app, &s.admin, Some(&id), "Pode retirar.").await;
    let rows = notices(&app).await;
    assert_eq!(rows.len(), 2);
    assert!(rows[1].2.is_none());
    app.op("MarkConversationRead", json!({ "id": id }), Some(&s.customer)).await.data();
    let rows = notices(&app).await;
    assert!(rows[1].2.is_some(), "withdrawn");
    assert_eq!(rows[1].3.as_deref(), Some("withdrawn"));
    // A withdrawn e-mail never went out: the next staff message may queue one again.
    sent(&app, &s.admin, Some(&id), "Obrigado!").await;
    assert_eq!(notices(&app).await.len(), 3);
}
