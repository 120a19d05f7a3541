//! LGPD erasure (contract: security.graphql, EraseCustomer): an ADMIN anonymises a customer,
//! irreversibly; the orders and payments stay with the pseudonym; the portal login dies.

use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use oficina_domain::crm::{ConsentChange, ConsentSource};
use oficina_domain::schema::{chat_messages, conversations, events, users};
use serde_json::{Value, json};

use crate::demo::demo_sign_in;
use crate::helpers::{CNPJ_A, CNPJ_B, Options, TestApp};
use crate::service_order_access::{FORBIDDEN, NOT_FOUND, OK, ROLES, UNAUTHENTICATED, cpf};

const CARLOS_CPF: &str = "248.135.790-60";
const CARLOS_EMAIL: &str = "cliente@demo.oficina.app";

const CUSTOMER: &str = "query($id: ID!) { customer(id: $id) { id name document rg birthDate erasedAt emails
    phones { number } addresses { street } marketingConsent vehicles { plate } totalSpentCents
    serviceOrders(first: 50) { totalCount edges { node { id finalCents } } } } }";

async fn erase(app: &TestApp, token: Option<&str>, id: &str, name: &str) -> crate::helpers::Response {
    app.op("EraseCustomer", json!({ "id": id, "confirmName": name }), token).await
}

async fn names_found(app: &TestApp, token: &str, term: &str) -> Vec<String> {
    let found = app.op("Customers", json!({ "search": term, "first": 50 }), Some(token)).await;
    found.data()["customers"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["name"].as_str().unwrap().to_owned())
        .collect()
}

/// Every event payload of the database, as text.
async fn event_payloads(app: &TestApp) -> Vec<(String, String)> {
    let mut pooled = app.state.db.get().await.unwrap();
    oficina_domain::run!(&mut pooled.conn(), |c| {
        events::table.select((events::kind, events::payload)).load(c).await
    })
    .unwrap()
}

/// The demo's Carlos, erased by the demo ADMIN: his data is gone, his orders stay, his login
/// dies, and the audit trail keeps the fact but not the person.
#[tokio::test(flavor = "multi_thread")]
async fn erasing_a_customer_anonymises_them_and_keeps_their_orders() {
    let app = TestApp::spawn_with(Options { demo: true, ..Options::default() }).await;
    let admin = demo_sign_in(&app, "admin@demo.oficina.app").await;
    let carlos = demo_sign_in(&app, CARLOS_EMAIL).await;
    let id = app.graphql("{ myCustomer { id } }", json!({}), Some(&carlos)).await.data()["myCustomer"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let before = app.graphql(CUSTOMER, json!({ "id": id }), Some(&admin)).await;
    let before = before.data()["customer"].clone();
    assert_eq!(before["document"], CARLOS_CPF);
    assert!(before["serviceOrders"]["totalCount"].as_i64().unwrap() > 0, "the demo gives Carlos orders");
    assert_eq!(names_found(&app, &admin, "24813579060").await, vec!["Carlos Cliente"]);

    // The wrong name (or none) changes nothing.
    let events = app.event_count().await;
    let long = "x".repeat(500);
    for wrong in ["Carlos", "", "carlos cliente", long.as_str()] {
        erase(&app, Some(&admin), &id, wrong).await.assert_error("BAD_USER_INPUT", Some("confirmName"));
    }
    assert_eq!(app.event_count().await, events);
    assert_eq!(app.graphql(CUSTOMER, json!({ "id": id }), Some(&admin)).await.data()["customer"], before);

    let erased = erase(&app, Some(&admin), &id, " Carlos Cliente ").await;
    let pseudonym = format!("Cliente anonimizado #{id}");
    assert_eq!(erased.data()["eraseCustomer"], json!({ "id": id, "name": pseudonym }));

    let after = app.graphql(CUSTOMER, json!({ "id": id }), Some(&admin)).await;
    let after = &after.data()["customer"];
    assert_eq!(after["name"], pseudonym);
    assert_eq!(after["document"], "");
    assert!(after["erasedAt"].is_string());
    for gone in ["rg", "birthDate"] {
        assert!(after[gone].is_null(), "{gone}");
    }
    for gone in ["emails", "phones", "addresses"] {
        assert_eq!(after[gone], json!([]), "{gone}");
    }
    assert_eq!(after["marketingConsent"], false);
    // Kept for accounting: the orders, their totals, the money spent, the vehicles.
    assert_eq!(after["serviceOrders"], before["serviceOrders"]);
    assert_eq!(after["totalSpentCents"], before["totalSpentCents"]);
    assert_eq!(after["vehicles"], before["vehicles"]);
    let order = before["serviceOrders"]["edges"][0]["node"]["id"].clone();
    let order = app
        .graphql(
            "query($id: ID!) { serviceOrder(id: $id) { customer { name } } }",
            json!({ "id": order }),
            Some(&admin),
        )
        .await;
    assert_eq!(order.data()["serviceOrder"]["customer"]["name"], pseudonym);

    // Search: the old name, CPF (either way) and e-mail find nobody; the plate finds the pseudonym.
    for term in ["Carlos", "24813579060", CARLOS_CPF, "cliente@demo", "987654321"] {
        assert_eq!(names_found(&app, &admin, term).await, Vec::<String>::new(), "{term}");
    }
    let plate = before["vehicles"][0]["plate"].as_str().unwrap();
    assert_eq!(names_found(&app, &admin, plate).await, vec![pseudonym.clone()]);

    // The portal login: the session is over, the password no longer works.
    app.graphql("{ me { id } }", json!({}), Some(&carlos)).await.assert_error("UNAUTHENTICATED", None);
    let again = app.op("SignIn", json!({ "email": CARLOS_EMAIL, "password": "oficina-demo" }), None).await;
    again.assert_error("UNAUTHENTICATED", None);
    let workshop = app.workshop_id(&admin).await;
    let mut pooled = app.state.db.get().await.unwrap();
    let carlos_users: i64 = oficina_domain::run!(&mut pooled.conn(), |c| {
        users::table.filter(users::email.eq(CARLOS_EMAIL)).count().get_result(c).await
    })
    .unwrap();
    assert_eq!(carlos_users, 0, "the login's e-mail is gone too");

    // Consents withdrawn, logged as STAFF; the customer's chat messages replaced.
    let customer_id: i64 = id.parse().unwrap();
    let log = ConsentChange::for_customer(&mut pooled.conn(), workshop, customer_id).await.unwrap();
    assert!(!log[0].granted && log[0].source == ConsentSource::Staff, "{log:?}");
    let bodies: Vec<String> = oficina_domain::run!(&mut pooled.conn(), |c| {
        chat_messages::table
            .inner_join(conversations::table)
            .filter(conversations::customer_id.eq(customer_id))
            .filter(chat_messages::author_side.eq("CUSTOMER"))
            .select(chat_messages::body)
            .load(c)
            .await
    })
    .unwrap();
    assert!(!bodies.is_empty(), "the demo has Carlos's messages");
    assert!(bodies.iter().all(|b| b.starts_with("[mensagem removida")), "{bodies:?}");
    drop(pooled);

    // The audit trail: `customer.erased` without personal data, and nothing anywhere names Carlos.
    let payloads = event_payloads(&app).await;
    let (_, erased_payload) = payloads.iter().rev().find(|(kind, _)| kind == "customer.erased").unwrap();
    let erased_payload: Value = serde_json::from_str(erased_payload).unwrap();
    assert_eq!(erased_payload["loginsDisabled"], 1);
    for (kind, payload) in &payloads {
        for personal in ["Carlos Cliente", "24813579060", CARLOS_EMAIL] {
            assert!(!payload.contains(personal), "{kind} still holds {personal}: {payload}");
        }
    }

    // Twice: CONFLICT, nothing written.
    let events = app.event_count().await;
    erase(&app, Some(&admin), &id, &pseudonym).await.assert_error("CONFLICT", Some("id"));
    assert_eq!(app.event_count().await, events);
}

/// The placeholder documents never collide (two erasures in one workshop), and the CPF of an
/// erased customer is free for a new registration.
#[tokio::test(flavor = "multi_thread")]
async fn erased_documents_never_collide_and_free_the_cpf() {
    let app = TestApp::spawn().await;
    let admin = app.register(CNPJ_A, "a@example.com").await;
    for (name, cpf) in [("Ana Um", "529.982.247-25"), ("Bia Dois", "111.444.777-35")] {
        let created = app
            .op("CreateCustomer", json!({ "input": { "name": name, "document": cpf } }), Some(&admin))
            .await;
        let id = created.data()["createCustomer"]["id"].as_str().unwrap().to_owned();
        erase(&app, Some(&admin), &id, name).await.data();
        let again = app
            .op("CreateCustomer", json!({ "input": { "name": name, "document": cpf } }), Some(&admin))
            .await;
        assert_eq!(again.data()["createCustomer"]["document"], cpf);
    }
}

/// Each role, on a fresh customer each: only an ADMIN erases; another workshop's ADMIN gets
/// NOT_FOUND; a refusal changes nothing.
#[tokio::test(flavor = "multi_thread")]
async fn only_an_admin_of_the_workshop_erases() {
    let app = TestApp::spawn_with(Options { demo: true, ..Options::default() }).await;
    let demo = |email: &'static str| demo_sign_in(&app, email);
    let admin = demo("admin@demo.oficina.app").await;
    let other_admin = app.register(CNPJ_B, "outra@example.com").await;
    let tokens = [
        Some(admin.clone()),
        Some(demo("operador@demo.oficina.app").await),
        Some(demo("mecanica@demo.oficina.app").await),
        Some(demo(CARLOS_EMAIL).await),
        Some(demo("parceiro@demo.oficina.app").await),
        None,
        Some(other_admin),
    ];
    let expected = [OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, UNAUTHENTICATED, NOT_FOUND];
    let roles = ROLES.iter().copied().chain(["OTHER WORKSHOP'S ADMIN"]);
    for (n, ((role, token), expected)) in roles.zip(&tokens).zip(expected).enumerate() {
        let name = format!("Pessoa {n}");
        let input = json!({ "input": { "name": name, "document": cpf(7000 + n as u32) } });
        let created = app.op("CreateCustomer", input, Some(&admin)).await;
        let id = created.data()["createCustomer"]["id"].as_str().unwrap().to_owned();
        let events = app.event_count().await;
        let response = erase(&app, token.as_deref(), &id, &name).await;
        let now = app.graphql(CUSTOMER, json!({ "id": id }), Some(&admin)).await;
        if expected == OK {
            response.data();
            assert_ne!(now.data()["customer"]["name"], name.as_str(), "{role}");
        } else {
            response.assert_error(expected, None);
            assert_eq!(app.event_count().await, events, "{role} wrote nothing");
            assert_eq!(now.data()["customer"]["name"], name.as_str(), "{role}");
        }
    }
}

/// A portal login that also belongs to another workshop survives there: only this workshop's
/// membership goes.
#[tokio::test(flavor = "multi_thread")]
async fn a_login_of_two_workshops_keeps_the_other() {
    let app = TestApp::spawn().await;
    let a = app.register(CNPJ_A, "a@example.com").await;
    let b = app.register(CNPJ_B, "b@example.com").await;
    let mut ids = vec![];
    for (admin, cpf) in [(&a, "529.982.247-25"), (&b, "111.444.777-35")] {
        let input =
            json!({ "input": { "name": "Rita Duas", "document": cpf, "emails": ["rita@example.com"] } });
        let created = app.op("CreateCustomer", input, Some(admin)).await;
        ids.push(created.data()["createCustomer"]["id"].as_str().unwrap().to_owned());
    }
    let token = app.invitation_token(&a, &ids[0], "rita@example.com").await;
    let accepted = app
        .op("AcceptInvitation", json!({ "token": token, "password": crate::helpers::PASSWORD }), None)
        .await;
    accepted.data();
    let token = app.invitation_token(&b, &ids[1], "rita@example.com").await;
    app.op("AcceptInvitation", json!({ "token": token, "password": crate::helpers::PASSWORD }), None)
        .await
        .data();
    erase(&app, Some(&a), &ids[0], "Rita Duas").await.data();
    let rita = app.sign_in("rita@example.com").await;
    let me = app.op("Me", json!({}), Some(&rita)).await;
    assert_eq!(
        me.data()["me"]["membership"]["workshop"]["id"].as_str().unwrap(),
        app.workshop_id(&b).await.to_string()
    );
    let mine = app.graphql("{ myCustomer { id name } }", json!({}), Some(&rita)).await;
    assert_eq!(mine.data()["myCustomer"], json!({ "id": ids[1], "name": "Rita Duas" }));
}
