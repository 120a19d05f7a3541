//! Status links (contract: portal.graphql): staff create and revoke them, anyone holding one sees
//! that one order and nothing about its customer, live; they expire 7 days after the order closes.

use std::time::Duration;

use serde_json::{Value, json};

use crate::helpers::redis_server::RedisServer;
use crate::helpers::ws::WsClient;
use crate::helpers::{CNPJ_A, CNPJ_B, Options, PUBLIC_URL, Response, TestApp};

/// What the customer has that the public page must never show.
const CPF: &str = "529.982.247-25";
const SECRETS: &[&str] = &[
    "Maria Silva",
    "52998224725",
    "982.247",
    "maria@example.com",
    "98765-4321",
    "987654321",
    "Rua das Flores",
    "01001-000",
    "01001000",
];

/// A workshop with a customer who has a CPF, an e-mail, a phone and an address, her car, and a
/// labour item and a part in the catalog.
pub(crate) struct Shop {
    pub app: TestApp,
    pub admin: String,
    pub customer: String,
    pub vehicle: String,
    labour: String,
    part: String,
}

impl Shop {
    pub async fn new(app: TestApp) -> Shop {
        let admin = app.register(CNPJ_A, "a@example.com").await;
        let customer = json!({ "name": "Maria Silva", "document": CPF, "emails": ["maria@example.com"],
            "phones": [{ "ddd": "11", "number": "98765-4321", "kind": "WHATSAPP" }],
            "addresses": [{ "kind": "HOME", "street": "Rua das Flores", "number": "10", "district": "Centro",
                "city": "São Paulo", "state": "SP", "cep": "01001-000" }] });
        let (customer, vehicle) = app.customer_with_car(&admin, customer, "BRA2E19").await;
        let labour = app
            .op(
                "CreateService",
                json!({ "input": { "reference": "MO-01", "name": "Troca de óleo", "priceCents": 12000 } }),
                Some(&admin),
            )
            .await
            .data()["createService"]["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let part = json!({ "reference": "FLT-001", "name": "Filtro de óleo", "unit": "UN", "priceCents": 4590,
            "stockQuantity": 10, "minimumStock": 0 });
        let part = app.op("CreateProduct", json!({ "input": part }), Some(&admin)).await.data()["createProduct"]
            ["id"]
            .as_str()
            .unwrap()
            .to_owned();
        Shop { app, admin, customer, vehicle, labour, part }
    }

    /// A quote for the car: the labour and two filters (R$ 211,80); returns its id.
    pub async fn order(&self) -> String {
        let input = json!({ "customerId": self.customer, "vehicleId": self.vehicle, "discountCents": 0,
            "taxesCents": 0, "items": [{ "serviceId": self.labour, "quantity": 1 },
                { "productId": self.part, "quantity": 2 }] });
        let created = self.app.op("CreateServiceOrder", json!({ "input": input }), Some(&self.admin)).await;
        created.data()["createServiceOrder"]["id"].as_str().unwrap().to_owned()
    }

    pub async fn start(&self, id: &str) {
        self.app.op("StartServiceOrder", json!({ "id": id }), Some(&self.admin)).await.data();
    }

    pub async fn finish(&self, id: &str) -> Value {
        let payment = json!({ "method": "PIX", "installments": 2, "firstDueDate": "2026-12-10" });
        let finished =
            self.app.op("FinishServiceOrder", json!({ "id": id, "payment": payment }), Some(&self.admin));
        finished.await.data()["finishServiceOrder"].clone()
    }

    /// Creates a link to order `id` as `token`.
    pub async fn create_link_as(&self, token: &str, id: &str) -> Response {
        self.app.op("CreateStatusLink", json!({ "serviceOrderId": id }), Some(token)).await
    }

    /// Creates a link to order `id` as the admin: (url, token).
    pub async fn link(&self, id: &str) -> (String, String) {
        let created = self.create_link_as(&self.admin, id).await;
        let url = created.data()["createStatusLink"]["url"].as_str().unwrap().to_owned();
        let token = url.rsplit('/').next().unwrap().to_owned();
        (url, token)
    }

    /// The order behind `token`, anonymously.
    pub async fn status(&self, token: &str) -> Response {
        self.app.op("OrderStatus", json!({ "token": token }), None).await
    }

    async fn revoke(&self, id: &str) -> Value {
        let revoked =
            self.app.op("RevokeStatusLinks", json!({ "serviceOrderId": id }), Some(&self.admin)).await;
        revoked.data()["revokeStatusLinks"].clone()
    }
}

/// Moves the order's closing `days` back in time (finished or cancelled then).
async fn closed_days_ago(app: &TestApp, id: &str, days: i64) {
    use diesel::prelude::*;
    use diesel_async::RunQueryDsl;
    use oficina_domain::schema::service_orders;
    let at = chrono::Utc::now().naive_utc() - chrono::Duration::days(days);
    let id: i64 = id.parse().unwrap();
    let mut pooled = app.state.db.get().await.unwrap();
    oficina_domain::run!(&mut pooled.conn(), |c| {
        diesel::update(service_orders::table.find(id))
            .set((service_orders::finished_at.eq(at), service_orders::cancelled_at.eq(at)))
            .execute(c)
            .await
    })
    .unwrap();
}

/// An anonymous socket following `token`'s order.
async fn follow(addr: std::net::SocketAddr, token: &str) -> WsClient {
    let mut client = WsClient::connect(addr).await;
    client.send(json!({ "type": "connection_init", "payload": { "public": true } })).await;
    client.expect_ack().await;
    let document = crate::helpers::contract::operation("OrderStatusChanged");
    client
        .send(json!({ "id": "1", "type": "subscribe",
            "payload": { "query": document, "variables": { "token": token } } }))
        .await;
    // The subscription listens once its resolver ran.
    tokio::time::sleep(Duration::from_millis(300)).await;
    client
}

#[tokio::test(flavor = "multi_thread")]
async fn a_link_shows_its_order_and_nothing_about_the_customer() {
    let s = Shop::new(TestApp::spawn().await).await;
    let id = s.order().await;
    let created = s.create_link_as(&s.admin, &id).await;
    let link = &created.data()["createStatusLink"];
    assert!(link["expiresAt"].is_null(), "open orders' links have no end yet: {link}");
    let (url, token) = s.link(&id).await;
    assert!(url.starts_with(&format!("{PUBLIC_URL}/acompanhar/")), "{url}");
    assert_eq!(token.len(), 22, "128 random bits in URL-safe base64: {token}");
    assert_ne!(link["url"], json!(url), "every link has its own token");

    let shown = s.status(&token).await;
    let order = &shown.data()["orderStatus"];
    assert_eq!(order["number"], 1);
    assert_eq!(order["status"], "QUOTE");
    assert_eq!(order["workshopName"], "Oficina a@example.com");
    assert_eq!(order["plate"], "BRA2E19");
    assert_eq!(order["vehicleDescription"], "Fiat Argo 2021");
    assert_eq!(order["finalCents"], 21180);
    assert!(order["updatedAt"].is_string());
    assert_eq!(
        order["items"],
        json!([{ "description": "Troca de óleo", "quantity": 1.0, "totalCents": 12000 },
            { "description": "Filtro de óleo", "quantity": 2.0, "totalCents": 9180 }])
    );
    let text = shown.body.to_string();
    for secret in SECRETS {
        assert!(!text.contains(secret), "the public page shows {secret}: {text}");
    }

    // The type itself reaches nothing else: not the customer, not the order's id.
    let fields =
        s.app.graphql("{ __type(name: \"PublicOrderStatus\") { fields { name } } }", json!({}), None).await;
    let mut names: Vec<String> = fields.data()["__type"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["name"].as_str().unwrap().to_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "finalCents",
            "items",
            "number",
            "plate",
            "status",
            "updatedAt",
            "vehicleDescription",
            "workshopName"
        ]
    );

    // Only the token's hash is stored.
    let stored = stored_hashes(&s.app).await;
    assert_eq!(stored.len(), 2);
    assert!(stored.iter().all(|hash| hash.len() == 64 && !hash.contains(&token)), "{stored:?}");
}

async fn stored_hashes(app: &TestApp) -> Vec<String> {
    use diesel::prelude::*;
    use diesel_async::RunQueryDsl;
    use oficina_domain::schema::status_links;
    let mut pooled = app.state.db.get().await.unwrap();
    oficina_domain::run!(&mut pooled.conn(), |c| {
        status_links::table.select(status_links::token_hash).load(c).await
    })
    .unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn unknown_revoked_and_expired_links_are_not_found() {
    let s = Shop::new(TestApp::spawn().await).await;
    for token in ["", "nao-existe", "AAAAAAAAAAAAAAAAAAAAAA"] {
        s.status(token).await.assert_error("NOT_FOUND", None);
    }

    // Revoking ends every link of the order, and only of that order.
    let (id, other) = (s.order().await, s.order().await);
    let ((_, first), (_, second), (_, others)) = (s.link(&id).await, s.link(&id).await, s.link(&other).await);
    let events = s.app.event_count().await;
    assert_eq!(s.revoke(&id).await, 2);
    assert_eq!(s.app.event_count().await, events + 1, "one status_link.revoked");
    for token in [&first, &second] {
        s.status(token).await.assert_error("NOT_FOUND", None);
    }
    assert_eq!(s.status(&others).await.data()["orderStatus"]["status"], "QUOTE");
    assert_eq!(s.revoke(&id).await, 0, "nothing left to revoke");
    assert_eq!(s.app.event_count().await, events + 1, "and nothing recorded for it");

    // A finished order's links work for 7 days after it finished.
    let (_, token) = s.link(&other).await;
    s.start(&other).await;
    let finished = s.finish(&other).await;
    assert_eq!(s.status(&token).await.data()["orderStatus"]["status"], "FINISHED");
    let after = s.create_link_as(&s.admin, &other).await;
    let finished_at: chrono::DateTime<chrono::Utc> =
        finished["finishedAt"].as_str().unwrap().parse().unwrap();
    let expires_at: chrono::DateTime<chrono::Utc> =
        after.data()["createStatusLink"]["expiresAt"].as_str().unwrap().parse().unwrap();
    let off = expires_at - finished_at - chrono::Duration::days(7);
    assert!(off.num_milliseconds().abs() < 1, "7 days after it finished: {expires_at} vs {finished_at}");
    closed_days_ago(&s.app, &other, 6).await;
    assert_eq!(s.status(&token).await.data()["orderStatus"]["number"], 2);
    closed_days_ago(&s.app, &other, 8).await;
    s.status(&token).await.assert_error("NOT_FOUND", None);
    s.create_link_as(&s.admin, &other).await.assert_error("BAD_USER_INPUT", Some("serviceOrderId"));

    // A cancelled one's too.
    let cancelled = s.order().await;
    let (_, token) = s.link(&cancelled).await;
    let reason = json!({ "id": cancelled, "reason": "desistiu" });
    s.app.op("CancelServiceOrder", reason, Some(&s.admin)).await.data();
    assert_eq!(s.status(&token).await.data()["orderStatus"]["status"], "CANCELLED");
    closed_days_ago(&s.app, &cancelled, 8).await;
    s.status(&token).await.assert_error("NOT_FOUND", None);
}

#[tokio::test(flavor = "multi_thread")]
async fn only_the_front_desk_creates_and_revokes_links_of_its_own_orders() {
    let s = Shop::new(TestApp::spawn().await).await;
    let id = s.order().await;
    let operator = s.app.add_staff(&s.admin, "o@example.com", "OPERATOR").await;
    let mechanic = s.app.add_staff(&s.admin, "m@example.com", "MECHANIC").await;
    let invitation = s.app.invitation_token(&s.admin, &s.customer, "maria@example.com").await;
    let accepted = s
        .app
        .op("AcceptInvitation", json!({ "token": invitation, "password": crate::helpers::PASSWORD }), None)
        .await;
    let customer = accepted.data()["acceptInvitation"]["token"].as_str().unwrap().to_owned();

    assert!(s.create_link_as(&operator, &id).await.data()["createStatusLink"]["url"].is_string());
    for token in [&mechanic, &customer] {
        s.create_link_as(token, &id).await.assert_error("FORBIDDEN", None);
        let revoke = s.app.op("RevokeStatusLinks", json!({ "serviceOrderId": id }), Some(token)).await;
        revoke.assert_error("FORBIDDEN", None);
    }
    s.app
        .op("CreateStatusLink", json!({ "serviceOrderId": id }), None)
        .await
        .assert_error("UNAUTHENTICATED", None);
    let revoked = s.app.op("RevokeStatusLinks", json!({ "serviceOrderId": id }), Some(&operator)).await;
    assert_eq!(revoked.data()["revokeStatusLinks"], 1);

    // Another workshop's order, or no order at all, is NOT_FOUND.
    let stranger = s.app.register(CNPJ_B, "b@example.com").await;
    for missing in [id.as_str(), "999999", "x"] {
        s.create_link_as(&stranger, missing).await.assert_error("NOT_FOUND", None);
        let revoke =
            s.app.op("RevokeStatusLinks", json!({ "serviceOrderId": missing }), Some(&stranger)).await;
        revoke.assert_error("NOT_FOUND", None);
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_link_goes_to_the_customers_email_through_the_outbox() {
    let s = Shop::new(TestApp::spawn().await).await;
    let id = s.order().await;
    let send =
        "mutation($id: ID!) { createStatusLink(serviceOrderId: $id, sendEmail: true) { url expiresAt } }";
    let sent = s.app.graphql(send, json!({ "id": id }), Some(&s.admin)).await;
    let url = sent.data()["createStatusLink"]["url"].as_str().unwrap().to_owned();
    let mail = s.app.wait_for_mail(1).await;
    let message = mail.iter().find(|m| m["to"] == "maria@example.com").expect("the link's e-mail");
    let text = message["text"].as_str().unwrap();
    assert!(text.contains(&url), "{text}");
    let token = crate::portal_access::token_in(text, "acompanhar");
    assert_eq!(s.status(&token).await.data()["orderStatus"]["number"], 1);

    // A customer without e-mail: nothing is created or queued.
    let (bare, car) = s
        .app
        .customer_with_car(&s.admin, json!({ "name": "Sem Email", "document": "111.444.777-35" }), "ABC1234")
        .await;
    let input =
        json!({ "customerId": bare, "vehicleId": car, "discountCents": 0, "taxesCents": 0, "items": [] });
    let created = s.app.op("CreateServiceOrder", json!({ "input": input }), Some(&s.admin)).await;
    let bare_order = created.data()["createServiceOrder"]["id"].as_str().unwrap().to_owned();
    let links = stored_hashes(&s.app).await.len();
    s.app
        .graphql(send, json!({ "id": bare_order }), Some(&s.admin))
        .await
        .assert_error("BAD_USER_INPUT", Some("sendEmail"));
    assert_eq!(stored_hashes(&s.app).await.len(), links);
}

#[tokio::test(flavor = "multi_thread")]
async fn the_live_feed_pushes_its_order_only_and_ends_when_revoked() {
    let s = Shop::new(TestApp::spawn().await).await;
    let addr = s.app.serve().await;
    let (id, other) = (s.order().await, s.order().await);
    let (_, token) = s.link(&id).await;
    let (_, others_token) = s.link(&other).await;
    let mut watcher = follow(addr, &token).await;

    s.start(&other).await;
    watcher.expect_nothing("another order's change").await;
    s.start(&id).await;
    let next = watcher.next_within(Duration::from_secs(5)).await.expect("the start");
    let pushed = &next["payload"]["data"]["orderStatusChanged"];
    assert_eq!(pushed["status"], "IN_PROGRESS", "{next}");
    assert_eq!(pushed["number"], 1);
    assert!(!next.to_string().contains("Maria"), "{next}");

    // Revoked: the feed completes and says nothing more.
    assert_eq!(s.revoke(&id).await, 1);
    let end = watcher.next_within(Duration::from_secs(5)).await.expect("the end of the feed");
    assert_eq!(end["type"], "complete", "{end}");
    s.finish(&id).await;
    watcher.expect_nothing("a revoked link's order").await;

    // An unknown token is NOT_FOUND; a signed-in socket may follow a link too.
    let mut stranger = follow(addr, "nao-existe").await;
    let refused = stranger.next_within(Duration::from_secs(5)).await.expect("an answer");
    assert_eq!(refused["payload"]["errors"][0]["extensions"]["code"], "NOT_FOUND", "{refused}");
    let mut staff = WsClient::signed_in(addr, &s.admin).await;
    let document = crate::helpers::contract::operation("OrderStatusChanged");
    staff
        .send(json!({ "id": "1", "type": "subscribe",
            "payload": { "query": document, "variables": { "token": others_token } } }))
        .await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    s.finish(&other).await;
    let next = staff.next_within(Duration::from_secs(5)).await.expect("the finish");
    assert_eq!(next["payload"]["data"]["orderStatusChanged"]["status"], "FINISHED", "{next}");

    // A public socket runs nothing that needs a session.
    let mut public = WsClient::connect(addr).await;
    public.send(json!({ "type": "connection_init", "payload": { "public": true } })).await;
    public.expect_ack().await;
    public.subscribe("1", &crate::helpers::contract::operation("ServiceOrderChanged")).await;
    let refused = public.next_within(Duration::from_secs(5)).await.expect("an answer");
    assert_eq!(refused["payload"]["errors"][0]["extensions"]["code"], "UNAUTHENTICATED", "{refused}");
}

#[tokio::test(flavor = "multi_thread")]
async fn the_live_feed_ends_once_the_link_expired() {
    let s = Shop::new(TestApp::spawn().await).await;
    let addr = s.app.serve().await;
    let id = s.order().await;
    let (_, token) = s.link(&id).await;
    s.start(&id).await;
    let finished = s.finish(&id).await;
    let mut watcher = follow(addr, &token).await;
    let installment = finished["installments"][0]["id"].clone();
    s.app.op("PayInstallment", json!({ "id": installment }), Some(&s.admin)).await.data();
    let next = watcher.next_within(Duration::from_secs(5)).await.expect("the payment");
    assert_eq!(next["payload"]["data"]["orderStatusChanged"]["status"], "FINISHED", "{next}");

    closed_days_ago(&s.app, &id, 8).await;
    let installment = finished["installments"][1]["id"].clone();
    s.app.op("PayInstallment", json!({ "id": installment }), Some(&s.admin)).await.data();
    let end = watcher.next_within(Duration::from_secs(5)).await.expect("the end of the feed");
    assert_eq!(end["type"], "complete", "{end}");
}

#[tokio::test(flavor = "multi_thread")]
async fn lookups_are_limited_per_address() {
    let s = Shop::new(TestApp::spawn().await).await;
    let id = s.order().await;
    let (_, token) = s.link(&id).await;
    for _ in 0..60 {
        let shown = s.app.op_from("10.0.0.7", None, "OrderStatus", json!({ "token": token })).await;
        assert_eq!(shown.data()["orderStatus"]["number"], 1);
    }
    let limited = s.app.op_from("10.0.0.7", None, "OrderStatus", json!({ "token": token })).await;
    limited.assert_error("RATE_LIMITED", None);
    let elsewhere = s.app.op_from("10.0.0.8", None, "OrderStatus", json!({ "token": token })).await;
    assert_eq!(elsewhere.data()["orderStatus"]["number"], 1);

    // Public sockets count as lookups too: an address past its budget cannot open one.
    let addr = s.app.serve().await;
    for _ in 0..60 {
        s.app.op_from("127.0.0.1", None, "OrderStatus", json!({ "token": token })).await.data();
    }
    let mut socket = WsClient::connect(addr).await;
    socket.send(json!({ "type": "connection_init", "payload": { "public": true } })).await;
    assert_eq!(socket.close_code(Duration::from_secs(5)).await, Some(4429));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_link_followed_on_one_node_gets_the_changes_made_on_another() {
    let Some(redis) = RedisServer::start().await else { return };
    let on_redis = || Options {
        redis_namespace: Some("oficina-status-links".into()),
        redis_url: Some(redis.url()),
        ..Options::default()
    };
    let s = Shop::new(TestApp::spawn_with(on_redis()).await).await;
    let node_b = s.app.another_node(on_redis()).await;
    let id = s.order().await;
    let (_, token) = s.link(&id).await;
    let mut watcher = follow(node_b.serve().await, &token).await;
    s.start(&id).await;
    let next = watcher.next_within(Duration::from_secs(5)).await.expect("A's change, through Redis");
    assert_eq!(next["payload"]["data"]["orderStatusChanged"]["status"], "IN_PROGRESS", "{next}");
    watcher.expect_nothing("a second copy").await;
}
