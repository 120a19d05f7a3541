//! Consent per channel through the API: staff record a customer's answer, the customer changes
//! their own in the portal, and the log keeps who, when and how.

use serde_json::{Value, json};

use crate::demo::demo_sign_in;
use crate::helpers::{CNPJ_A, CNPJ_B, Options, Response, TestApp};
use crate::scheduling::shop;
use crate::service_order_access::{FORBIDDEN, NOT_FOUND, OK, ROLES, UNAUTHENTICATED};

const READ: &str = "query($id: ID!) { customer(id: $id) { consents { channel granted changedAt } \
    consentLog(first: 10) { edges { node { at channel granted source actor { id name } } } } } }";
const READ_MINE: &str = "{ myCustomer { consents { channel granted changedAt } \
    consentLog(first: 10) { edges { node { channel granted source actor { name } } } } } }";
const SET: &str = "mutation($id: ID!, $channel: ConsentChannel!, $granted: Boolean!) { \
    setCustomerConsent(customerId: $id, channel: $channel, granted: $granted) { id consents { channel granted } } }";
const SET_MINE: &str = "mutation($channel: ConsentChannel!, $granted: Boolean!) { \
    setMyConsent(channel: $channel, granted: $granted) { id consents { channel granted changedAt } } }";

fn granted(consents: &Value, channel: &str) -> bool {
    let found = consents.as_array().unwrap().iter().find(|c| c["channel"] == channel);
    found.unwrap_or_else(|| panic!("{channel} in {consents}"))["granted"].as_bool().unwrap()
}

fn log_of(customer: &Value) -> Vec<Value> {
    customer["consentLog"]["edges"].as_array().unwrap().iter().map(|e| e["node"].clone()).collect()
}

/// Each consent operation as every role of the demo workshop, on Carlos (the demo customer).
#[tokio::test(flavor = "multi_thread")]
async fn role_matrix() {
    let app = TestApp::spawn_with(Options { demo: true, ..Options::default() }).await;
    let demo = |email: &'static str| demo_sign_in(&app, email);
    let carlos = demo("cliente@demo.oficina.app").await;
    let id = app.graphql("{ myCustomer { id } }", json!({}), Some(&carlos)).await;
    let id = id.data()["myCustomer"]["id"].as_str().unwrap().to_owned();
    let tokens = [
        Some(demo("admin@demo.oficina.app").await),
        Some(demo("operador@demo.oficina.app").await),
        Some(demo("mecanica@demo.oficina.app").await),
        Some(carlos.clone()),
        Some(demo("parceiro@demo.oficina.app").await),
        None,
    ];
    #[rustfmt::skip]
    let table: [(&str, [&str; 6]); 4] = [
        //                     ADMIN      OPERATOR   MECHANIC   CUSTOMER   PARTNER    ANONYMOUS
        ("customer.consents",  [OK,        OK,        FORBIDDEN, FORBIDDEN, FORBIDDEN, UNAUTHENTICATED]),
        ("myCustomer.consents",[FORBIDDEN, FORBIDDEN, FORBIDDEN, OK,        FORBIDDEN, UNAUTHENTICATED]),
        ("setCustomerConsent", [OK,        OK,        FORBIDDEN, FORBIDDEN, FORBIDDEN, UNAUTHENTICATED]),
        ("setMyConsent",       [FORBIDDEN, FORBIDDEN, FORBIDDEN, OK,        FORBIDDEN, UNAUTHENTICATED]),
    ];
    for (column, (role, token)) in ROLES.iter().zip(&tokens).enumerate() {
        let token = token.as_deref();
        let granted = column % 2 == 0;
        let outcomes: [Response; 4] = [
            app.graphql(READ, json!({ "id": id }), token).await,
            app.graphql(READ_MINE, json!({}), token).await,
            app.graphql(SET, json!({ "id": id, "channel": "SMS", "granted": granted }), token).await,
            app.graphql(SET_MINE, json!({ "channel": "SMS", "granted": !granted }), token).await,
        ];
        for ((name, row), response) in table.iter().zip(&outcomes) {
            match row[column] {
                OK => assert!(response.body.get("errors").is_none(), "{role} {name}: {:#}", response.body),
                code => response.assert_error(code, None),
            }
        }
    }
}

/// Staff and portal changes land in the log with their actor and source; the same answer again
/// logs nothing; another workshop's customer is NOT_FOUND and unchanged.
#[tokio::test(flavor = "multi_thread")]
async fn changes_are_logged_with_who_when_and_how() {
    let app = TestApp::spawn().await;
    let a = shop(&app, CNPJ_A, "a@example.com", 1).await;
    let b = shop(&app, CNPJ_B, "b@example.com", 2).await;
    let before = app.graphql(READ, json!({ "id": a.customer_id }), Some(&a.admin)).await;
    let consents = &before.data()["customer"]["consents"];
    assert_eq!(consents.as_array().unwrap().len(), 4, "{consents}");
    assert!(!granted(consents, "WHATSAPP"));
    assert!(consents[1]["changedAt"].is_null(), "never changed: {consents}");

    let set = async |token: &str, id: &str, channel: &str, granted: bool| {
        app.graphql(SET, json!({ "id": id, "channel": channel, "granted": granted }), Some(token)).await
    };
    let changed = set(&a.admin, &a.customer_id, "WHATSAPP", true).await;
    assert!(granted(&changed.data()["setCustomerConsent"]["consents"], "WHATSAPP"));
    set(&a.admin, &a.customer_id, "WHATSAPP", true).await.data();
    let mine = app
        .graphql(SET_MINE, json!({ "channel": "PARTNER_SHARING", "granted": true }), Some(&a.customer))
        .await;
    let mine = &mine.data()["setMyConsent"]["consents"];
    assert!(granted(mine, "PARTNER_SHARING") && granted(mine, "WHATSAPP"));

    let read = app.graphql(READ, json!({ "id": a.customer_id }), Some(&a.admin)).await;
    let customer = &read.data()["customer"];
    let log = log_of(customer);
    assert_eq!(log.len(), 2, "the repeated answer logs nothing: {log:?}");
    assert_eq!(log[0]["channel"], "PARTNER_SHARING");
    assert_eq!(log[0]["source"], "PORTAL");
    assert_eq!(log[0]["actor"]["name"], "Cliente 1");
    assert_eq!(log[1]["channel"], "WHATSAPP");
    assert_eq!(log[1]["source"], "STAFF");
    assert_eq!(log[1]["actor"]["name"], "José Admin");
    let whatsapp =
        customer["consents"].as_array().unwrap().iter().find(|c| c["channel"] == "WHATSAPP").unwrap();
    assert_eq!(whatsapp["changedAt"], log[1]["at"]);

    let own = app.graphql(READ_MINE, json!({}), Some(&a.customer)).await;
    assert_eq!(log_of(&own.data()["myCustomer"]).len(), 2, "the customer reads their own log");

    let events = app.event_count().await;
    set(&a.admin, &b.customer_id, "SMS", true).await.assert_error(NOT_FOUND, Some("customerId"));
    set(&a.admin, "nope", "SMS", true).await.assert_error(NOT_FOUND, Some("customerId"));
    assert_eq!(app.event_count().await, events, "nothing recorded");
    let theirs = app.graphql(READ, json!({ "id": b.customer_id }), Some(&b.admin)).await;
    assert!(!granted(&theirs.data()["customer"]["consents"], "SMS"), "unchanged");
}

/// The log pages by cursor, and neither the log nor a customer list with consents costs more
/// statements with more rows.
#[tokio::test(flavor = "multi_thread")]
async fn lists_cost_the_same_statements_whatever_their_size() {
    let app = TestApp::counting_statements().await;
    let a = shop(&app, CNPJ_A, "a@example.com", 1).await;
    let (second, ..) = crate::scheduling::customer(&app, &a.admin, 2).await;
    let set = |id: String, channel: &'static str, granted: bool| {
        let app = &app;
        let admin = a.admin.clone();
        async move {
            app.graphql(SET, json!({ "id": id, "channel": channel, "granted": granted }), Some(&admin))
                .await
                .data();
        }
    };
    set(a.customer_id.clone(), "EMAIL", true).await;
    let list = "{ customers(first: 50) { edges { node { name consents { channel granted changedAt } } } } }";
    let log = "query($id: ID!) { customer(id: $id) { consentLog(first: 50) { edges { node { at source actor { name } } } } } }";
    let vars = json!({ "id": a.customer_id });
    let ok = |response: &Response| {
        response.data();
    };
    let few = (
        app.fewest_statements(list, json!({}), &a.admin, ok).await,
        app.fewest_statements(log, vars.clone(), &a.admin, ok).await,
    );
    for channel in ["WHATSAPP", "SMS", "PARTNER_SHARING"] {
        set(a.customer_id.clone(), channel, true).await;
        set(second.clone(), channel, true).await;
    }
    set(a.customer_id.clone(), "EMAIL", false).await;
    for (n, plate) in [(3, "LST3A03"), (4, "LST4A04")] {
        let input =
            json!({ "name": format!("Cliente {n}"), "document": crate::service_order_access::cpf(n) });
        let (id, _) = app.customer_with_car(&a.admin, input, plate).await;
        set(id, "SMS", true).await;
    }
    let many = (
        app.fewest_statements(list, json!({}), &a.admin, ok).await,
        app.fewest_statements(log, vars.clone(), &a.admin, ok).await,
    );
    assert_eq!(few, many);

    let page = "query($id: ID!, $after: String) { customer(id: $id) { consentLog(first: 2, after: $after) { \
        pageInfo { hasNextPage endCursor } edges { node { channel granted } } } } }";
    let first = app.graphql(page, vars.clone(), Some(&a.admin)).await;
    let first = &first.data()["customer"]["consentLog"];
    assert_eq!(first["pageInfo"]["hasNextPage"], true);
    assert_eq!(first["edges"][0]["node"], json!({ "channel": "EMAIL", "granted": false }));
    let after = json!({ "id": a.customer_id, "after": first["pageInfo"]["endCursor"] });
    let next = app.graphql(page, after, Some(&a.admin)).await;
    assert_eq!(next.data()["customer"]["consentLog"]["edges"][0]["node"]["channel"], "SMS");
    let bad = json!({ "id": a.customer_id, "after": "x" });
    app.graphql(page, bad, Some(&a.admin)).await.assert_error("BAD_USER_INPUT", Some("after"));
}
