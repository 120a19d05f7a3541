//! `/graphql/ws` guards its sessions: a cookie only from the app's own pages, sockets closed
//! when their session ends (on any node), malformed messages refused, and limits on
//! connections per session and subscriptions per connection.

use std::collections::HashSet;
use std::time::Duration;

use serde_json::json;

use crate::helpers::ws::WsClient;
use crate::helpers::{CNPJ_A, PUBLIC_URL, TestApp, wait_for};
use crate::live::two_nodes_sharing_redis;
use crate::portal_access::token_in;

const EVENTS: &str = "subscription { workshopEvents { kind } }";
const WAIT: Duration = Duration::from_secs(10);

/// Connects with the session cookie of `token` and these other upgrade headers, and sends an
/// empty `connection_init`.
async fn with_cookie(addr: std::net::SocketAddr, token: &str, headers: &[(&'static str, &str)]) -> WsClient {
    let cookie = format!("oficina_session={token}");
    let mut all = vec![("cookie", cookie.as_str())];
    all.extend_from_slice(headers);
    let mut client = WsClient::connect_with(addr, &all).await;
    client.send(json!({ "type": "connection_init", "payload": {} })).await;
    client
}

#[tokio::test(flavor = "multi_thread")]
async fn the_session_cookie_opens_a_socket_only_from_the_apps_own_pages() {
    let app = TestApp::spawn().await;
    let admin = app.register(CNPJ_A, "a@example.com").await;
    let addr = app.serve().await;
    let own_host = format!("http://{addr}");
    for origin in [PUBLIC_URL, own_host.as_str()] {
        let mut client = with_cookie(addr, &admin, &[("origin", origin)]).await;
        client.expect_ack().await;
    }
    let mut foreign = with_cookie(addr, &admin, &[("origin", "https://evil.example")]).await;
    assert_eq!(foreign.close_code(WAIT).await, Some(4403));
    let mut without_origin = with_cookie(addr, &admin, &[]).await;
    assert_eq!(without_origin.close_code(WAIT).await, Some(4403));

    // A Bearer token in connection_init needs no Origin: a page of another site cannot know it.
    let mut bearer = WsClient::connect_with(addr, &[("origin", "https://evil.example")]).await;
    bearer.init_with_bearer(&admin).await;
    bearer.expect_ack().await;
    // Nor does a Bearer token on the upgrade request itself.
    let authorization = format!("Bearer {admin}");
    let mut upgrade_bearer = WsClient::connect_with(addr, &[("authorization", authorization.as_str())]).await;
    upgrade_bearer.send(json!({ "type": "connection_init", "payload": {} })).await;
    upgrade_bearer.expect_ack().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn signing_out_closes_the_sessions_sockets_with_4401() {
    let app = TestApp::spawn().await;
    let first = app.register(CNPJ_A, "a@example.com").await;
    let second = app.sign_in("a@example.com").await;
    let addr = app.serve().await;
    let mut watcher = WsClient::signed_in(addr, &first).await;
    watcher.subscribe("1", EVENTS).await;
    let mut by_cookie = with_cookie(addr, &first, &[("origin", PUBLIC_URL)]).await;
    by_cookie.expect_ack().await;
    let mut other_session = WsClient::signed_in(addr, &second).await;

    app.op("SignOut", json!({}), Some(&first)).await.data();
    assert_eq!(watcher.close_code(WAIT).await, Some(4401));
    assert_eq!(by_cookie.close_code(WAIT).await, Some(4401));
    other_session.expect_open().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_password_reset_closes_every_socket_of_the_user() {
    let app = TestApp::spawn().await;
    let first = app.register(CNPJ_A, "a@example.com").await;
    let second = app.sign_in("a@example.com").await;
    let operator = app.add_staff(&first, "op@example.com", "OPERATOR").await;
    let addr = app.serve().await;
    let mut sockets = [WsClient::signed_in(addr, &first).await, WsClient::signed_in(addr, &second).await];
    let mut someone_else = WsClient::signed_in(addr, &operator).await;

    app.op("RequestPasswordReset", json!({ "email": "a@example.com" }), None).await.data();
    let mail = app.wait_for_mail(1).await;
    let token = token_in(mail[0]["text"].as_str().unwrap(), "redefinir-senha");
    app.op("ResetPassword", json!({ "token": token, "password": "outra-senha-segura-456" }), None)
        .await
        .data();
    for socket in &mut sockets {
        assert_eq!(socket.close_code(WAIT).await, Some(4401));
    }
    someone_else.expect_open().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn an_expiring_session_closes_its_sockets_when_it_expires() {
    use diesel::prelude::*;
    use diesel_async::RunQueryDsl;
    use oficina_domain::schema::sessions;

    let app = TestApp::spawn().await;
    let admin = app.register(CNPJ_A, "a@example.com").await;
    let addr = app.serve().await;
    // The only session now expires in three seconds (time enough for the handshake below).
    let soon = chrono::Utc::now().naive_utc() + chrono::Duration::seconds(3);
    let mut pooled = app.state.db.get().await.unwrap();
    oficina_domain::run!(&mut pooled.conn(), |c| {
        diesel::update(sessions::table).set(sessions::expires_at.eq(soon)).execute(c).await
    })
    .unwrap();
    drop(pooled);
    let mut socket = WsClient::signed_in(addr, &admin).await;
    assert_eq!(socket.close_code(WAIT).await, Some(4401));
    let mut again = WsClient::connect(addr).await;
    again.init_with_bearer(&admin).await;
    assert_eq!(again.close_code(WAIT).await, Some(4401));
}

#[tokio::test(flavor = "multi_thread")]
async fn with_redis_signing_out_on_node_a_closes_the_socket_on_node_b() {
    let Some((node_a, node_b)) = two_nodes_sharing_redis().await else { return };
    let admin = node_a.register(CNPJ_A, "a@example.com").await;
    let mut socket = WsClient::signed_in(node_b.serve().await, &admin).await;
    node_a.op("SignOut", json!({}), Some(&admin)).await.data();
    assert_eq!(socket.close_code(WAIT).await, Some(4401));
}

#[tokio::test(flavor = "multi_thread")]
async fn malformed_messages_close_with_4400() {
    let app = TestApp::spawn().await;
    let admin = app.register(CNPJ_A, "a@example.com").await;
    let addr = app.serve().await;
    let mut before_init = WsClient::connect(addr).await;
    before_init.send_text("not json").await;
    assert_eq!(before_init.close_code(WAIT).await, Some(4400));
    for malformed in [
        "not json".to_owned(),
        json!({ "type": "launch_missiles" }).to_string(),
        json!({ "id": "1" }).to_string(),
        json!({ "id": "1", "type": "subscribe" }).to_string(),
    ] {
        let mut client = WsClient::signed_in(addr, &admin).await;
        client.send_text(&malformed).await;
        assert_eq!(client.close_code(WAIT).await, Some(4400), "{malformed}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_second_connection_init_closes_with_4429() {
    let app = TestApp::spawn().await;
    let admin = app.register(CNPJ_A, "a@example.com").await;
    let addr = app.serve().await;
    let mut client = WsClient::signed_in(addr, &admin).await;
    client.init_with_bearer(&admin).await;
    assert_eq!(client.close_code(WAIT).await, Some(4429));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_connection_runs_at_most_20_subscriptions() {
    let app = TestApp::spawn().await;
    let admin = app.register(CNPJ_A, "a@example.com").await;
    let addr = app.serve().await;
    let mut client = WsClient::connect_with(addr, &[("accept-language", "en")]).await;
    client.init_with_bearer(&admin).await;
    client.expect_ack().await;
    for id in 1..=20 {
        client.subscribe(&id.to_string(), EVENTS).await;
    }
    client.subscribe("21", EVENTS).await;
    let refused = client.next_within(WAIT).await.expect("an answer to the 21st");
    assert_eq!(refused["type"], "error", "{refused}");
    assert_eq!(refused["id"], "21");
    assert_eq!(refused["payload"][0]["extensions"]["code"], "RATE_LIMITED");
    assert_eq!(
        refused["payload"][0]["message"],
        "Too many subscriptions on this connection; complete one first."
    );

    // Completing one makes room for another; the refused one never ran.
    client.send(json!({ "id": "1", "type": "complete" })).await;
    let completed = client.next_within(WAIT).await.expect("the completion of 1");
    assert_eq!((completed["type"].as_str(), completed["id"].as_str()), (Some("complete"), Some("1")));
    client.subscribe("22", EVENTS).await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    let staff = json!({ "input": { "name": "Ana", "email": "ana@example.com", "password": "senha-segura-123", "role": "OPERATOR" }});
    app.op("AddStaff", staff, Some(&admin)).await.data();
    let mut ids = HashSet::new();
    for _ in 0..20 {
        let next = client.next_within(WAIT).await.expect("the event on each subscription");
        assert_eq!(next["type"], "next", "{next}");
        ids.insert(next["id"].as_str().unwrap().to_owned());
    }
    let expected: HashSet<String> = (2..=20).chain([22]).map(|id| id.to_string()).collect();
    assert_eq!(ids, expected);
}

#[tokio::test(flavor = "multi_thread")]
async fn subscription_errors_speak_the_language_of_the_upgrade() {
    let app = TestApp::spawn().await;
    let admin = app.register(CNPJ_A, "a@example.com").await;
    let operator = app.add_staff(&admin, "op@example.com", "OPERATOR").await;
    let addr = app.serve().await;
    let mut client = WsClient::connect_with(addr, &[("accept-language", "en-US,en;q=0.9")]).await;
    client.init_with_bearer(&operator).await;
    client.expect_ack().await;
    client.subscribe("1", EVENTS).await;
    let answer = client.next_within(WAIT).await.expect("an answer");
    assert_eq!(answer["payload"]["errors"][0]["extensions"]["code"], "FORBIDDEN", "{answer}");
    assert_eq!(answer["payload"]["errors"][0]["message"], "You are not allowed to do this.");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_session_holds_at_most_10_connections() {
    let app = TestApp::spawn().await;
    let admin = app.register(CNPJ_A, "a@example.com").await;
    let addr = app.serve().await;
    let mut open = Vec::new();
    for _ in 0..10 {
        open.push(WsClient::signed_in(addr, &admin).await);
    }
    let mut eleventh = WsClient::connect(addr).await;
    eleventh.init_with_bearer(&admin).await;
    assert_eq!(eleventh.close_code(WAIT).await, Some(4429));

    // Another session of the same person has its own count.
    let other_session = app.sign_in("a@example.com").await;
    WsClient::signed_in(addr, &other_session).await.expect_open().await;

    // A closed connection frees its place.
    open.pop().unwrap().close().await;
    let mut reopened = wait_for(
        async || {
            let mut client = WsClient::connect(addr).await;
            client.init_with_bearer(&admin).await;
            let answer = client.next_within(WAIT).await?;
            (answer["type"] == "connection_ack").then_some(client)
        },
        "a place for another connection",
    )
    .await;
    reopened.expect_open().await;
    for client in &mut open {
        client.expect_open().await;
    }
}
