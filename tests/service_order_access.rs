//! Service orders, who sees and does what: roles × operations, another workshop's ids, who
//! receives which live change, the statement counts of the board and of the customer list, and
//! what finished orders say about customers and vehicles (contract: service.graphql, crm.graphql).

use std::time::Duration;

use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use oficina_domain::schema::{products, service_orders};
use serde_json::{Value, json};

use crate::helpers::ws::WsClient;
use crate::helpers::{CNPJ_A, CNPJ_B, Options, PASSWORD, Response, TestApp, redis_available};
use crate::portal_access::token_in;

/// A part with a 90-day warranty and plenty of stock.
fn part(reference: &str, warranty_days: i32) -> Value {
    json!({ "reference": reference, "name": format!("Peça {reference}"), "unit": "UN", "priceCents": 4590,
        "stockQuantity": 1000, "minimumStock": 0, "warrantyDays": warranty_days })
}

/// Labour that suggests a revision in 180 days or 10,000 km.
fn labour(reference: &str) -> Value {
    json!({ "reference": reference, "name": format!("Serviço {reference}"), "priceCents": 12000,
        "estimatedMinutes": 60, "revisionDays": 180, "revisionKm": 10000 })
}

/// A product and a service of the workshop of `admin`.
struct Catalog {
    product: String,
    service: String,
}

async fn new_catalog(app: &TestApp, admin: &str, suffix: &str) -> Catalog {
    let product =
        app.op("CreateProduct", json!({ "input": part(&format!("P-{suffix}"), 90) }), Some(admin)).await;
    let service =
        app.op("CreateService", json!({ "input": labour(&format!("S-{suffix}")) }), Some(admin)).await;
    Catalog {
        product: product.data()["createProduct"]["id"].as_str().unwrap().to_owned(),
        service: service.data()["createService"]["id"].as_str().unwrap().to_owned(),
    }
}

/// A customer (inserted) with a car made through the API; `n` makes the document and plate unique.
struct Client {
    id: String,
    vehicle: String,
}

async fn client(app: &TestApp, admin: &str, name: &str, n: u32) -> Client {
    let workshop_id = app.workshop_id(admin).await;
    let id = app.insert_customer(workshop_id, name, &cpf(n)).await;
    let plate = format!("ORD{}A{:02}", n % 10, n % 100);
    let input = json!({ "customerId": id.to_string(), "plate": plate, "kind": "CAR", "brand": "Fiat",
        "model": "Argo", "year": 2021, "fuel": "FLEX", "doors": 4, "odometerKm": 35000 });
    let vehicle = app.op("CreateVehicle", json!({ "input": input }), Some(admin)).await;
    Client { id: id.to_string(), vehicle: vehicle.data()["createVehicle"]["id"].as_str().unwrap().to_owned() }
}

/// A valid CPF (11 digits) made from `n`.
pub(crate) fn cpf(n: u32) -> String {
    let mut digits: Vec<u32> =
        format!("{:09}", 123_456_000 + n).chars().map(|c| c.to_digit(10).unwrap()).collect();
    for length in [9u32, 10] {
        let sum: u32 = digits.iter().zip((2..=length + 1).rev()).map(|(d, w)| d * w).sum();
        digits.push(match sum % 11 {
            0 | 1 => 0,
            rest => 11 - rest,
        });
    }
    digits.iter().map(|d| d.to_string()).collect()
}

/// A MECHANIC of the admin's workshop: their token and staff id.
async fn mechanic(app: &TestApp, admin: &str, email: &str) -> (String, String) {
    let added = app
        .op(
            "AddStaff",
            json!({ "input": { "name": format!("Mecânico {email}"), "email": email, "password": PASSWORD,
                "role": "MECHANIC" }}),
            Some(admin),
        )
        .await;
    let id = added.data()["addStaff"]["id"].as_str().unwrap().to_owned();
    (app.sign_in(email).await, id)
}

/// Invites `customer_id` to the portal as `email` and accepts; returns the CUSTOMER's token.
async fn portal_login(app: &TestApp, admin: &str, customer_id: &str, email: &str) -> String {
    let sent = app.mail_log().len();
    let invited =
        app.op("InviteCustomer", json!({ "customerId": customer_id, "email": email }), Some(admin)).await;
    assert_eq!(invited.data()["inviteCustomer"], true);
    let mail = app.wait_for_mail(sent + 1).await;
    let message = mail.iter().rev().find(|m| m["to"] == email).expect("the invitation");
    let token = token_in(message["text"].as_str().unwrap(), "convite");
    let accepted = app.op("AcceptInvitation", json!({ "token": token, "password": PASSWORD }), None).await;
    assert_eq!(accepted.data()["acceptInvitation"]["membership"]["role"], "CUSTOMER");
    accepted.data()["acceptInvitation"]["token"].as_str().unwrap().to_owned()
}

/// A quote with one part and one labour item.
async fn create_order(
    app: &TestApp,
    token: Option<&str>,
    client: &Client,
    mechanic: Option<&str>,
    catalog: &Catalog,
) -> Response {
    let input = json!({ "customerId": client.id, "vehicleId": client.vehicle, "mechanicId": mechanic,
        "odometerKm": 35100, "notes": "revisão", "discountCents": 0, "taxesCents": 0,
        "items": [{ "serviceId": catalog.service, "quantity": 1 },
            { "productId": catalog.product, "quantity": 2 }] });
    app.op("CreateServiceOrder", json!({ "input": input }), token).await
}

/// An order created by `token`: its id and its items' ids.
struct Order {
    id: String,
    items: Vec<String>,
}

async fn order(
    app: &TestApp,
    token: &str,
    client: &Client,
    mechanic: Option<&str>,
    catalog: &Catalog,
) -> Order {
    let created = create_order(app, Some(token), client, mechanic, catalog).await;
    let order = &created.data()["createServiceOrder"];
    Order {
        id: order["id"].as_str().unwrap().to_owned(),
        items: order["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["id"].as_str().unwrap().to_owned())
            .collect(),
    }
}

async fn start(app: &TestApp, token: Option<&str>, id: &str) -> Response {
    app.op("StartServiceOrder", json!({ "id": id }), token).await
}

fn payment(installments: i32) -> Value {
    json!({ "method": "CREDIT_CARD", "installments": installments, "firstDueDate": "2026-12-10" })
}

async fn finish(app: &TestApp, token: Option<&str>, id: &str) -> Response {
    app.op("FinishServiceOrder", json!({ "id": id, "payment": payment(2) }), token).await
}

/// Creates, starts and finishes an order; returns it with its installments' ids.
async fn finished(
    app: &TestApp,
    token: &str,
    client: &Client,
    mechanic: Option<&str>,
    catalog: &Catalog,
) -> (Order, Vec<String>) {
    let order = order(app, token, client, mechanic, catalog).await;
    start(app, Some(token), &order.id).await.data();
    let done = finish(app, Some(token), &order.id).await;
    let installments = done.data()["finishServiceOrder"]["installments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap().to_owned())
        .collect();
    (order, installments)
}

const UPDATE_ORDER: &str = "mutation($id: ID!, $input: ServiceOrderUpdateInput!) { \
    updateServiceOrder(id: $id, input: $input) { id notes } }";
const ADD_ITEM: &str = "mutation($id: ID!, $item: ServiceOrderItemInput!) { \
    addServiceOrderItem(serviceOrderId: $id, item: $item) { id items { id } } }";
const CHANGE_ITEM: &str = "mutation($id: ID!, $input: ServiceOrderItemChangeInput!) { \
    updateServiceOrderItem(id: $id, input: $input) { id finalCents } }";
const REMOVE_ITEM: &str = "mutation($id: ID!) { removeServiceOrderItem(id: $id) { id items { id } } }";
const NEXT_NUMBER: &str = "mutation($number: Int!) { setNextServiceOrderNumber(number: $number) }";
const PLAN: &str = "{ installmentPlan(totalCents: 1000, installments: 3, firstDueDate: \"2026-12-31\") \
    { number amountCents } }";
const ORDERS: &str =
    "{ serviceOrders(first: 100) { totalCount edges { node { id customer { id } mechanic { id } } } } }";
const MY_ORDERS: &str =
    "{ myCustomer { id serviceOrders(first: 100) { totalCount edges { node { id customer { id } } } } } }";
const VEHICLE: &str = "query($id: ID!) { vehicle(id: $id) { id nextRevisionDate nextRevisionKm \
    serviceOrders(first: 20) { totalCount edges { node { id number status } } } \
    warranties { serviceOrderId orderNumber description untilDate untilKm } } }";
const CUSTOMER: &str = "query($id: ID!) { customer(id: $id) { id serviceOrders(first: 20) { totalCount } } }";

fn header(notes: &str, mechanic: Option<&str>) -> Value {
    json!({ "mechanicId": mechanic, "odometerKm": 35100, "notes": notes, "discountCents": 0,
        "taxesCents": 0 })
}

fn change() -> Value {
    json!({ "quantity": 3, "unitPriceCents": 5000 })
}

/// The outcomes of the role table.
pub(crate) const OK: &str = "ok";
pub(crate) const FORBIDDEN: &str = "FORBIDDEN";
pub(crate) const NOT_FOUND: &str = "NOT_FOUND";
pub(crate) const UNAUTHENTICATED: &str = "UNAUTHENTICATED";

/// The roles of the table, in its columns' order.
pub(crate) const ROLES: [&str; 6] = ["ADMIN", "OPERATOR", "MECHANIC", "CUSTOMER", "PARTNER", "ANONYMOUS"];

/// Each operation's outcome per role. "mine" is an order of the signed-in customer (Carlos)
/// assigned to the signed-in mechanic; "other" is another customer's, assigned to another mechanic.
#[rustfmt::skip]
const TABLE: &[(&str, [&str; 6])] = &[
    //                                  ADMIN  OPERATOR   MECHANIC   CUSTOMER   PARTNER    ANONYMOUS
    ("serviceOrder(mine)",              [OK,   OK,        OK,        OK,        FORBIDDEN, UNAUTHENTICATED]),
    ("serviceOrder(other)",             [OK,   OK,        NOT_FOUND, NOT_FOUND, FORBIDDEN, UNAUTHENTICATED]),
    ("serviceOrders",                   [OK,   OK,        OK,        OK,        FORBIDDEN, UNAUTHENTICATED]),
    ("myCustomer.serviceOrders",        [FORBIDDEN, FORBIDDEN, FORBIDDEN, OK,   FORBIDDEN, UNAUTHENTICATED]),
    ("installmentPlan",                 [OK,   OK,        OK,        FORBIDDEN, FORBIDDEN, UNAUTHENTICATED]),
    ("createServiceOrder",              [OK,   OK,        FORBIDDEN, FORBIDDEN, FORBIDDEN, UNAUTHENTICATED]),
    ("updateServiceOrder(mine)",        [OK,   OK,        FORBIDDEN, FORBIDDEN, FORBIDDEN, UNAUTHENTICATED]),
    ("addServiceOrderItem(mine)",       [OK,   OK,        FORBIDDEN, FORBIDDEN, FORBIDDEN, UNAUTHENTICATED]),
    ("updateServiceOrderItem(mine)",    [OK,   OK,        FORBIDDEN, FORBIDDEN, FORBIDDEN, UNAUTHENTICATED]),
    ("removeServiceOrderItem(mine)",    [OK,   OK,        FORBIDDEN, FORBIDDEN, FORBIDDEN, UNAUTHENTICATED]),
    ("startServiceOrder(mine)",         [OK,   OK,        OK,        FORBIDDEN, FORBIDDEN, UNAUTHENTICATED]),
    ("startServiceOrder(other)",        [OK,   OK,        NOT_FOUND, FORBIDDEN, FORBIDDEN, UNAUTHENTICATED]),
    ("finishServiceOrder(mine)",        [OK,   OK,        OK,        FORBIDDEN, FORBIDDEN, UNAUTHENTICATED]),
    ("finishServiceOrder(other)",       [OK,   OK,        NOT_FOUND, FORBIDDEN, FORBIDDEN, UNAUTHENTICATED]),
    ("cancelServiceOrder(mine)",        [OK,   OK,        FORBIDDEN, FORBIDDEN, FORBIDDEN, UNAUTHENTICATED]),
    ("payInstallment(mine)",            [OK,   OK,        FORBIDDEN, FORBIDDEN, FORBIDDEN, UNAUTHENTICATED]),
    ("setNextServiceOrderNumber",       [OK,   FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, UNAUTHENTICATED]),
];

/// Every service order operation as every role, on fresh orders each time: an operation a role
/// may not do is refused with the table's code and changes nothing.
#[tokio::test(flavor = "multi_thread")]
async fn role_matrix() {
    let app = TestApp::spawn_with(Options { demo: true, ..Options::default() }).await;
    let demo = |email: &'static str| {
        let app = &app;
        async move {
            let response =
                app.op("SignIn", json!({ "email": email, "password": "oficina-demo" }), None).await;
            response.data()["signIn"]["token"].as_str().unwrap().to_owned()
        }
    };
    let admin = demo("admin@demo.oficina.app").await;
    let carlos_token = demo("cliente@demo.oficina.app").await;
    let (mechanic_token, my_mechanic) = mechanic(&app, &admin, "mec1@example.com").await;
    let (_, other_mechanic) = mechanic(&app, &admin, "mec2@example.com").await;
    let carlos = app.graphql("{ myCustomer { id vehicles { id } } }", json!({}), Some(&carlos_token)).await;
    let carlos = Client {
        id: carlos.data()["myCustomer"]["id"].as_str().unwrap().to_owned(),
        vehicle: carlos.data()["myCustomer"]["vehicles"][0]["id"].as_str().unwrap().to_owned(),
    };
    let someone_else = client(&app, &admin, "Outra Pessoa", 1).await;
    let catalog = new_catalog(&app, &admin, "ROLE").await;
    let tokens = [
        Some(admin.clone()),
        Some(demo("operador@demo.oficina.app").await),
        Some(mechanic_token),
        Some(carlos_token),
        Some(demo("parceiro@demo.oficina.app").await),
        None,
    ];
    let mut next_number = 1000;
    for (column, (role, token)) in ROLES.iter().zip(&tokens).enumerate() {
        let token = token.as_deref();
        let mine = || order(&app, &admin, &carlos, Some(&my_mechanic), &catalog);
        let other = || order(&app, &admin, &someone_else, Some(&other_mechanic), &catalog);
        let (mine_quote, other_quote, to_cancel) = (mine().await, other().await, mine().await);
        let (mine_started, other_started) = (mine().await, other().await);
        start(&app, Some(&admin), &mine_started.id).await.data();
        start(&app, Some(&admin), &other_started.id).await.data();
        let (_, mine_installments) = finished(&app, &admin, &carlos, Some(&my_mechanic), &catalog).await;
        next_number += 100;

        let id = |order: &Order| json!({ "id": order.id });
        let reads: Vec<(&str, Response)> = vec![
            ("serviceOrder(mine)", app.op("ServiceOrder", id(&mine_quote), token).await),
            ("serviceOrder(other)", app.op("ServiceOrder", id(&other_quote), token).await),
            ("serviceOrders", app.graphql(ORDERS, json!({}), token).await),
            ("myCustomer.serviceOrders", app.graphql(MY_ORDERS, json!({}), token).await),
            ("installmentPlan", app.graphql(PLAN, json!({}), token).await),
        ];
        let events = app.event_count().await;
        let writes: Vec<(&str, Response)> = vec![
            ("createServiceOrder", create_order(&app, token, &carlos, None, &catalog).await),
            (
                "updateServiceOrder(mine)",
                app.graphql(
                    UPDATE_ORDER,
                    json!({ "id": mine_quote.id, "input": header("editada", Some(&my_mechanic)) }),
                    token,
                )
                .await,
            ),
            (
                "addServiceOrderItem(mine)",
                app.graphql(
                    ADD_ITEM,
                    json!({ "id": mine_quote.id, "item": { "serviceId": catalog.service, "quantity": 1 } }),
                    token,
                )
                .await,
            ),
            (
                "updateServiceOrderItem(mine)",
                app.graphql(CHANGE_ITEM, json!({ "id": mine_quote.items[0], "input": change() }), token)
                    .await,
            ),
            (
                "removeServiceOrderItem(mine)",
                app.graphql(REMOVE_ITEM, json!({ "id": mine_quote.items[1] }), token).await,
            ),
            ("startServiceOrder(mine)", start(&app, token, &mine_quote.id).await),
            ("startServiceOrder(other)", start(&app, token, &other_quote.id).await),
            ("finishServiceOrder(mine)", finish(&app, token, &mine_started.id).await),
            ("finishServiceOrder(other)", finish(&app, token, &other_started.id).await),
            (
                "cancelServiceOrder(mine)",
                app.op(
                    "CancelServiceOrder",
                    json!({ "id": to_cancel.id, "reason": "cliente desistiu" }),
                    token,
                )
                .await,
            ),
            (
                "payInstallment(mine)",
                app.op("PayInstallment", json!({ "id": mine_installments[0] }), token).await,
            ),
            (
                "setNextServiceOrderNumber",
                app.graphql(NEXT_NUMBER, json!({ "number": next_number }), token).await,
            ),
        ];
        // Each allowed change records one event; a refused one records nothing.
        let allowed = writes.iter().filter(|(name, _)| expected(name, column) == OK).count();
        assert_eq!(
            app.event_count().await,
            events + allowed as i64,
            "{role}: only allowed changes were written"
        );
        let outcomes: Vec<(&str, Response)> = reads.into_iter().chain(writes).collect();
        assert_eq!(outcomes.len(), TABLE.len());
        for (name, response) in &outcomes {
            match expected(name, column) {
                OK => assert!(response.body.get("errors").is_none(), "{role} {name}: {:#}", response.body),
                code => {
                    let got = &response.body["errors"][0]["extensions"]["code"];
                    assert_eq!(got, code, "{role} {name}: {:#}", response.body);
                    response.assert_error(code, None);
                }
            }
        }
        // What a role sees in lists: staff everything, a mechanic their orders, a customer theirs.
        if expected("serviceOrders", column) == OK {
            let list = &outcomes[2].1.data()["serviceOrders"];
            let nodes = list["edges"].as_array().unwrap().iter().map(|e| &e["node"]).collect::<Vec<_>>();
            assert_eq!(list["totalCount"], nodes.len());
            let ids: Vec<&str> = nodes.iter().map(|n| n["id"].as_str().unwrap()).collect();
            match *role {
                "MECHANIC" => {
                    assert!(nodes.iter().all(|n| n["mechanic"]["id"] == my_mechanic.as_str()), "{list:#}");
                    assert!(ids.contains(&mine_quote.id.as_str()) && !ids.contains(&other_quote.id.as_str()));
                }
                "CUSTOMER" => {
                    assert!(nodes.iter().all(|n| n["customer"]["id"] == carlos.id.as_str()), "{list:#}");
                    assert!(ids.contains(&mine_quote.id.as_str()) && !ids.contains(&other_quote.id.as_str()));
                    let my = &outcomes[3].1.data()["myCustomer"]["serviceOrders"];
                    assert_eq!(my["totalCount"], list["totalCount"], "the portal lists the same orders");
                }
                _ => assert!(ids.contains(&mine_quote.id.as_str()) && ids.contains(&other_quote.id.as_str())),
            }
        }
    }
}

fn expected(operation: &str, column: usize) -> &'static str {
    let (_, row) = TABLE.iter().find(|(name, _)| *name == operation).unwrap_or_else(|| panic!("{operation}"));
    row[column]
}

/// Reads an order as `token` sees it, with what a change could touch.
async fn snapshot(app: &TestApp, token: &str, id: &str) -> Value {
    let query = "query($id: ID!) { serviceOrder(id: $id) { status notes finalCents mechanic { id } \
        items { id quantity unitPriceCents } installments { id paidAt } } }";
    app.graphql(query, json!({ "id": id }), Some(token)).await.data()["serviceOrder"].clone()
}

/// Every id argument naming something of another workshop is NOT_FOUND (or BAD_USER_INPUT on the
/// input field holding it), and nothing changes on either side.
#[tokio::test(flavor = "multi_thread")]
async fn another_workshops_ids_are_not_found() {
    let app = TestApp::spawn().await;
    let admin_a = app.register(CNPJ_A, "a@example.com").await;
    let admin_b = app.register(CNPJ_B, "b@example.com").await;
    let (mechanic_a_token, mechanic_a) = mechanic(&app, &admin_a, "mec-a@example.com").await;
    let (_, mechanic_b) = mechanic(&app, &admin_b, "mec-b@example.com").await;
    let (catalog_a, catalog_b) =
        (new_catalog(&app, &admin_a, "A").await, new_catalog(&app, &admin_b, "B").await);
    let (client_a, client_b) =
        (client(&app, &admin_a, "Cliente A", 1).await, client(&app, &admin_b, "Cliente B", 2).await);
    let ours = order(&app, &admin_a, &client_a, Some(&mechanic_a), &catalog_a).await;
    let theirs = order(&app, &admin_b, &client_b, Some(&mechanic_b), &catalog_b).await;
    let (their_finished, their_installments) = finished(&app, &admin_b, &client_b, None, &catalog_b).await;
    let before = (
        snapshot(&app, &admin_a, &ours.id).await,
        snapshot(&app, &admin_b, &theirs.id).await,
        snapshot(&app, &admin_b, &their_finished.id).await,
    );
    let events = app.event_count().await;

    for token in [&admin_a, &mechanic_a_token] {
        for id in [theirs.id.as_str(), their_finished.id.as_str(), "not-an-id", "999999"] {
            app.op("ServiceOrder", json!({ "id": id }), Some(token)).await.assert_error("NOT_FOUND", None);
            start(&app, Some(token), id).await.assert_error("NOT_FOUND", None);
            finish(&app, Some(token), id).await.assert_error("NOT_FOUND", None);
        }
    }
    for id in [theirs.id.as_str(), "not-an-id"] {
        let not_found = [
            app.graphql(UPDATE_ORDER, json!({ "id": id, "input": header("x", None) }), Some(&admin_a)).await,
            app.graphql(
                ADD_ITEM,
                json!({ "id": id, "item": { "serviceId": catalog_a.service, "quantity": 1 } }),
                Some(&admin_a),
            )
            .await,
            app.op("CancelServiceOrder", json!({ "id": id, "reason": "não é nossa" }), Some(&admin_a)).await,
        ];
        for response in not_found {
            response.assert_error("NOT_FOUND", None);
        }
    }
    for item in &theirs.items {
        app.graphql(CHANGE_ITEM, json!({ "id": item, "input": change() }), Some(&admin_a))
            .await
            .assert_error("NOT_FOUND", None);
        app.graphql(REMOVE_ITEM, json!({ "id": item }), Some(&admin_a)).await.assert_error("NOT_FOUND", None);
    }
    for installment in their_installments.iter().map(String::as_str).chain(["not-an-id"]) {
        app.op("PayInstallment", json!({ "id": installment }), Some(&admin_a))
            .await
            .assert_error("NOT_FOUND", None);
    }
    app.graphql(VEHICLE, json!({ "id": client_b.vehicle }), Some(&admin_a))
        .await
        .assert_error("NOT_FOUND", None);
    app.graphql(CUSTOMER, json!({ "id": client_b.id }), Some(&admin_a)).await.assert_error("NOT_FOUND", None);
    // As list filters, their customer and vehicle find none of their orders.
    for filter in [json!({ "customerId": client_b.id }), json!({ "vehicleId": client_b.vehicle })] {
        let query = "query($customerId: ID, $vehicleId: ID) { serviceOrders(customerId: $customerId, \
            vehicleId: $vehicleId) { totalCount edges { node { id } } } }";
        let listed = app.graphql(query, filter, Some(&admin_a)).await;
        assert_eq!(listed.data()["serviceOrders"]["totalCount"], 0, "{:#}", listed.body);
    }

    // Ids inside an input: BAD_USER_INPUT on their field.
    let input = |customer: &str, vehicle: &str, mechanic: Option<&str>, item: Value| {
        json!({ "input": { "customerId": customer, "vehicleId": vehicle, "mechanicId": mechanic,
            "items": [item] } })
    };
    let labour_a = json!({ "serviceId": catalog_a.service, "quantity": 1 });
    for (variables, field) in [
        (input(&client_b.id, &client_b.vehicle, None, labour_a.clone()), "input.customerId"),
        (input(&client_a.id, &client_b.vehicle, None, labour_a.clone()), "input.vehicleId"),
        (input(&client_a.id, &client_a.vehicle, Some(&mechanic_b), labour_a.clone()), "input.mechanicId"),
        (
            input(
                &client_a.id,
                &client_a.vehicle,
                None,
                json!({ "productId": catalog_b.product, "quantity": 1 }),
            ),
            "input.items.0.productId",
        ),
        (
            input(
                &client_a.id,
                &client_a.vehicle,
                None,
                json!({ "serviceId": catalog_b.service, "quantity": 1 }),
            ),
            "input.items.0.serviceId",
        ),
    ] {
        app.op("CreateServiceOrder", variables, Some(&admin_a))
            .await
            .assert_error("BAD_USER_INPUT", Some(field));
    }
    app.graphql(
        UPDATE_ORDER,
        json!({ "id": ours.id, "input": header("x", Some(&mechanic_b)) }),
        Some(&admin_a),
    )
    .await
    .assert_error("BAD_USER_INPUT", Some("input.mechanicId"));
    for (item, field) in [
        (json!({ "productId": catalog_b.product, "quantity": 1 }), "item.productId"),
        (json!({ "serviceId": catalog_b.service, "quantity": 1 }), "item.serviceId"),
    ] {
        app.graphql(ADD_ITEM, json!({ "id": ours.id, "item": item }), Some(&admin_a))
            .await
            .assert_error("BAD_USER_INPUT", Some(field));
    }

    assert_eq!(app.event_count().await, events, "nothing was written");
    let after = (
        snapshot(&app, &admin_a, &ours.id).await,
        snapshot(&app, &admin_b, &theirs.id).await,
        snapshot(&app, &admin_b, &their_finished.id).await,
    );
    assert_eq!(after, before, "no order changed");
    assert!(after.2["installments"].as_array().unwrap().iter().all(|i| i["paidAt"].is_null()));
    let listed = app.graphql(ORDERS, json!({}), Some(&admin_a)).await;
    assert_eq!(listed.data()["serviceOrders"]["totalCount"], 1, "A sees its own order only");
}

/// One subscriber of `serviceOrderChanged`, named for the messages.
struct Watcher {
    name: &'static str,
    client: WsClient,
}

const CHANGED: &str = "subscription { serviceOrderChanged { id number status vehicle { plate } } }";

async fn watch(addr: std::net::SocketAddr, name: &'static str, token: &str) -> Watcher {
    let mut client = WsClient::signed_in(addr, token).await;
    client.subscribe("1", CHANGED).await;
    Watcher { name, client }
}

impl Watcher {
    /// Asserts the next message is the change of order `id` to `status`.
    async fn expect(&mut self, id: &str, status: &str) {
        let next = self.client.next_within(Duration::from_secs(5)).await;
        let next = next.unwrap_or_else(|| panic!("{} got nothing for {id} {status}", self.name));
        assert_eq!(next["type"], "next", "{}: {next}", self.name);
        let order = &next["payload"]["data"]["serviceOrderChanged"];
        assert_eq!(
            (order["id"].as_str(), order["status"].as_str()),
            (Some(id), Some(status)),
            "{}: {next}",
            self.name
        );
        assert!(order["vehicle"]["plate"].is_string(), "{next}");
    }

    async fn expect_nothing(&mut self) {
        self.client.expect_nothing(self.name).await;
    }
}

/// Staff receive every change of their workshop, a mechanic only their orders', a customer only
/// their own orders', another workshop none; on one node, or across two nodes with Redis.
#[tokio::test(flavor = "multi_thread")]
async fn each_subscriber_receives_only_the_orders_they_may_see() {
    // With Redis, changes made on one node reach the subscribers of another.
    let nodes = if redis_available() { crate::live::two_nodes_sharing_redis().await } else { None };
    let single;
    let (app, watched) = match &nodes {
        Some((node_a, node_b)) => (node_a, node_b),
        None => {
            single = TestApp::spawn().await;
            (&single, &single)
        }
    };
    let admin_a = app.register(CNPJ_A, "a@example.com").await;
    let admin_b = app.register(CNPJ_B, "b@example.com").await;
    let (m1_token, m1) = mechanic(app, &admin_a, "m1@example.com").await;
    let (m2_token, m2) = mechanic(app, &admin_a, "m2@example.com").await;
    let catalog_a = new_catalog(app, &admin_a, "A").await;
    let catalog_b = new_catalog(app, &admin_b, "B").await;
    let (c1, c2) =
        (client(app, &admin_a, "Cliente Um", 1).await, client(app, &admin_a, "Cliente Dois", 2).await);
    let client_b = client(app, &admin_b, "Cliente B", 3).await;
    let c1_token = portal_login(app, &admin_a, &c1.id, "um@example.com").await;
    let c2_token = portal_login(app, &admin_a, &c2.id, "dois@example.com").await;

    let addr = watched.serve().await;
    let mut staff = watch(addr, "admin A", &admin_a).await;
    let mut mech1 = watch(addr, "mechanic 1", &m1_token).await;
    let mut mech2 = watch(addr, "mechanic 2", &m2_token).await;
    let mut cust1 = watch(addr, "customer 1", &c1_token).await;
    let mut cust2 = watch(addr, "customer 2", &c2_token).await;
    let mut other = watch(addr, "admin B", &admin_b).await;
    tokio::time::sleep(Duration::from_millis(300)).await;

    let o1 = order(app, &admin_a, &c1, Some(&m1), &catalog_a).await.id;
    for w in [&mut staff, &mut mech1, &mut cust1] {
        w.expect(&o1, "QUOTE").await;
    }
    let o2 = order(app, &admin_a, &c2, Some(&m2), &catalog_a).await.id;
    for w in [&mut staff, &mut mech2, &mut cust2] {
        w.expect(&o2, "QUOTE").await;
    }
    let o3 = order(app, &admin_a, &c1, None, &catalog_a).await.id;
    for w in [&mut staff, &mut cust1] {
        w.expect(&o3, "QUOTE").await;
    }
    start(app, Some(&m2_token), &o2).await.data();
    for w in [&mut staff, &mut mech2, &mut cust2] {
        w.expect(&o2, "IN_PROGRESS").await;
    }
    start(app, Some(&admin_a), &o1).await.data();
    for w in [&mut staff, &mut mech1, &mut cust1] {
        w.expect(&o1, "IN_PROGRESS").await;
    }
    let done = finish(app, Some(&m1_token), &o1).await;
    for w in [&mut staff, &mut mech1, &mut cust1] {
        w.expect(&o1, "FINISHED").await;
    }
    let installment = done.data()["finishServiceOrder"]["installments"][0]["id"].as_str().unwrap().to_owned();
    app.op("PayInstallment", json!({ "id": installment }), Some(&admin_a)).await.data();
    for w in [&mut staff, &mut mech1, &mut cust1] {
        w.expect(&o1, "FINISHED").await;
    }
    // Assigned to mechanic 2 now: they receive it from this change on.
    app.graphql(UPDATE_ORDER, json!({ "id": o3, "input": header("para o m2", Some(&m2)) }), Some(&admin_a))
        .await
        .data();
    for w in [&mut staff, &mut mech2, &mut cust1] {
        w.expect(&o3, "QUOTE").await;
    }
    app.op("CancelServiceOrder", json!({ "id": o2, "reason": "desistiu" }), Some(&admin_a)).await.data();
    for w in [&mut staff, &mut mech2, &mut cust2] {
        w.expect(&o2, "CANCELLED").await;
    }
    // Another workshop's order reaches its own staff only.
    let theirs = order(app, &admin_b, &client_b, None, &catalog_b).await.id;
    other.expect(&theirs, "QUOTE").await;
    // A failed change publishes nothing.
    start(app, Some(&admin_a), &o1).await.assert_error("BAD_USER_INPUT", Some("id"));
    for w in [&mut staff, &mut mech1, &mut mech2, &mut cust1, &mut cust2, &mut other] {
        w.expect_nothing().await;
    }
}

/// A board page asking for everything an order shows costs the same statements for 2 orders as
/// for 10; so does the customer list with each customer's stats.
#[tokio::test(flavor = "multi_thread")]
async fn the_board_and_the_customer_list_do_not_grow_queries_with_the_page() {
    let app = TestApp::counting_statements().await;
    let admin = app.register(CNPJ_A, "a@example.com").await;
    let catalog = new_catalog(&app, &admin, "A").await;
    let (_, m1) = mechanic(&app, &admin, "m1@example.com").await;
    let (_, m2) = mechanic(&app, &admin, "m2@example.com").await;
    let board = "{ serviceOrders(first: 20) { totalCount edges { node { id number status finalCents \
        items { id description quantity totalCents } installments { id amountCents dueDate paidAt } \
        customer { name } vehicle { plate } mechanic { name } } } } }";
    let list = "{ customers(first: 50) { totalCount edges { node { id name totalSpentCents visitCount \
        lastVisitAt } } } }";
    let count = |query: &'static str, expected: usize| {
        app.fewest_statements(query, json!({}), &admin, move |response| {
            let edges = &response.data().as_object().unwrap().values().next().unwrap()["edges"];
            assert_eq!(edges.as_array().unwrap().len(), expected, "{:#}", response.body);
        })
    };
    // Each customer: a finished order with installments and a quote; mechanics alternate.
    let add = async |n: u32| {
        let client = client(&app, &admin, &format!("Cliente {n:02}"), n).await;
        let mechanic = if n.is_multiple_of(2) { &m1 } else { &m2 };
        finished(&app, &admin, &client, Some(mechanic), &catalog).await;
        order(&app, &admin, &client, None, &catalog).await;
    };
    for n in 0..2 {
        add(n).await;
    }
    let small = (count(board, 4).await, count(list, 2).await);
    for n in 2..10 {
        add(n).await;
    }
    let large = (count(board, 20).await, count(list, 10).await);
    assert_eq!(large, small, "(board, customer list) statements for 2 customers vs 10");
    let spent = app.graphql(list, json!({}), Some(&admin)).await;
    let first = &spent.data()["customers"]["edges"][0]["node"];
    assert_eq!(first["visitCount"], 1, "{first:#}");
    assert!(first["totalSpentCents"].as_i64().unwrap() > 0);
}

/// Sets an order's finished_at `days` ago.
async fn backdate(app: &TestApp, order_id: &str, days: i64) {
    let id: i64 = order_id.parse().unwrap();
    let at = chrono::Utc::now().naive_utc() - chrono::Duration::days(days);
    let mut pooled = app.state.db.get().await.unwrap();
    let updated = oficina_domain::run!(&mut pooled.conn(), |c| {
        diesel::update(service_orders::table.find(id))
            .set(service_orders::finished_at.eq(at))
            .execute(c)
            .await
    })
    .unwrap();
    assert_eq!(updated, 1);
}

async fn stock(app: &TestApp, product_id: &str) -> i64 {
    let id: i64 = product_id.parse().unwrap();
    let mut pooled = app.state.db.get().await.unwrap();
    oficina_domain::run!(&mut pooled.conn(), |c| {
        products::table.find(id).select(products::stock_milli).first(c).await
    })
    .unwrap()
}

/// Total spent, visits and the last visit count finished orders only; inactive customers are
/// those served before and not in the last N days; a vehicle keeps its history, its running
/// warranties and its next revision.
#[tokio::test(flavor = "multi_thread")]
async fn customer_and_vehicle_stats_come_from_finished_orders() {
    let app = TestApp::spawn().await;
    let admin = app.register(CNPJ_A, "a@example.com").await;
    let admin_b = app.register(CNPJ_B, "b@example.com").await;
    let catalog = new_catalog(&app, &admin, "A").await;
    let short = app.op("CreateProduct", json!({ "input": part("CURTA", 10) }), Some(&admin)).await;
    let short = short.data()["createProduct"]["id"].as_str().unwrap().to_owned();
    let short_catalog = Catalog { product: short, service: catalog.service.clone() };
    let ana = client(&app, &admin, "Ana", 1).await;
    let bia = client(&app, &admin, "Bia", 2).await;
    let caio = client(&app, &admin, "Caio", 3).await;
    let duda = client(&app, &admin, "Duda", 4).await;
    // Another workshop's old customer is never A's.
    let catalog_b = new_catalog(&app, &admin_b, "B").await;
    let old_b = client(&app, &admin_b, "Eva de B", 5).await;
    let (eva_order, _) = finished(&app, &admin_b, &old_b, None, &catalog_b).await;
    backdate(&app, &eva_order.id, 100).await;

    // Ana: two finished orders, a quote and a cancelled one.
    let (ana_first, _) = finished(&app, &admin, &ana, None, &short_catalog).await;
    backdate(&app, &ana_first.id, 50).await;
    let by_hand = json!({ "customerId": ana.id, "vehicleId": ana.vehicle, "odometerKm": 36000,
        "nextRevisionDate": "2027-06-01", "nextRevisionKm": 50000,
        "items": [{ "serviceId": catalog.service, "quantity": 1 },
            { "productId": catalog.product, "quantity": 1 }] });
    let created = app.op("CreateServiceOrder", json!({ "input": by_hand }), Some(&admin)).await;
    let ana_second = created.data()["createServiceOrder"]["id"].as_str().unwrap().to_owned();
    start(&app, Some(&admin), &ana_second).await.data();
    let done = finish(&app, Some(&admin), &ana_second).await;
    let ana_second_done = done.data()["finishServiceOrder"].clone();
    let ana_quote = order(&app, &admin, &ana, None, &catalog).await;
    let ana_cancelled = order(&app, &admin, &ana, None, &catalog).await;
    app.op("CancelServiceOrder", json!({ "id": ana_cancelled.id, "reason": "desistiu" }), Some(&admin))
        .await
        .data();
    // Bia: served 60 days ago. Caio: never served (a quote only). Duda: 60 days ago and today.
    let (bia_order, _) = finished(&app, &admin, &bia, None, &catalog).await;
    backdate(&app, &bia_order.id, 60).await;
    order(&app, &admin, &caio, None, &catalog).await;
    let (duda_old, _) = finished(&app, &admin, &duda, None, &catalog).await;
    backdate(&app, &duda_old.id, 60).await;
    let (duda_new, _) = finished(&app, &admin, &duda, None, &catalog).await;

    let customer = app.op("Customer", json!({ "id": ana.id }), Some(&admin)).await;
    let customer = &customer.data()["customer"];
    let first_total = snapshot(&app, &admin, &ana_first.id).await["finalCents"].as_i64().unwrap();
    assert_eq!(customer["totalSpentCents"], first_total + ana_second_done["finalCents"].as_i64().unwrap());
    assert_eq!(customer["visitCount"], 2, "quotes and cancelled orders are no visits");
    assert_eq!(customer["lastVisitAt"], ana_second_done["finishedAt"]);
    assert_eq!(customer["serviceOrders"]["totalCount"], 4);
    let caio_stats = app.op("Customer", json!({ "id": caio.id }), Some(&admin)).await;
    let caio_stats = &caio_stats.data()["customer"];
    assert_eq!((&caio_stats["totalSpentCents"], &caio_stats["visitCount"]), (&json!(0), &json!(0)));
    assert!(caio_stats["lastVisitAt"].is_null());
    let duda_last = snapshot(&app, &admin, &duda_new.id).await;
    let listed = app.op("Customers", json!({ "search": "duda" }), Some(&admin)).await;
    let duda_node = &listed.data()["customers"]["edges"][0]["node"];
    assert_eq!(duda_node["totalSpentCents"], 2 * duda_last["finalCents"].as_i64().unwrap());

    // The vehicle: its history newest first, the warranties still running, the next revision.
    let vehicle = app.graphql(VEHICLE, json!({ "id": ana.vehicle }), Some(&admin)).await;
    let vehicle = &vehicle.data()["vehicle"];
    let history: Vec<&str> = vehicle["serviceOrders"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["id"].as_str().unwrap())
        .collect();
    assert_eq!(history, [&ana_cancelled.id, &ana_quote.id, &ana_second, &ana_first.id], "newest first");
    let warranties = vehicle["warranties"].as_array().unwrap();
    assert_eq!(
        warranties.len(),
        1,
        "the 10-day part of 50 days ago has run out; quotes give none: {warranties:#?}"
    );
    assert_eq!(warranties[0]["serviceOrderId"], ana_second.as_str());
    assert_eq!(warranties[0]["description"], "Peça P-A");
    let finished_on =
        ana_second_done["finishedAt"].as_str().unwrap()[..10].parse::<chrono::NaiveDate>().unwrap();
    assert_eq!(warranties[0]["untilDate"], (finished_on + chrono::Duration::days(90)).to_string());
    assert_eq!(
        (&vehicle["nextRevisionDate"], &vehicle["nextRevisionKm"]),
        (&json!("2027-06-01"), &json!(50000)),
        "as set by hand"
    );

    // Bia's order had no revision set: suggested from the service (180 days, 10,000 km).
    let bia_vehicle = app.graphql(VEHICLE, json!({ "id": bia.vehicle }), Some(&admin)).await;
    let bia_vehicle = &bia_vehicle.data()["vehicle"];
    let bia_finished = snapshot(&app, &admin, &bia_order.id).await;
    assert!(bia_finished["status"] == "FINISHED");
    let suggested = chrono::Utc::now().date_naive() + chrono::Duration::days(180);
    assert_eq!(bia_vehicle["nextRevisionDate"], suggested.to_string());
    assert_eq!(bia_vehicle["nextRevisionKm"], 35100 + 10000);
    let read = "query($id: ID!) { serviceOrder(id: $id) { nextRevisionDate nextRevisionKm } }";
    let bia_revision = app.graphql(read, json!({ "id": bia_order.id }), Some(&admin)).await;
    assert_eq!(bia_revision.data()["serviceOrder"]["nextRevisionDate"], suggested.to_string());
    assert_eq!(bia_revision.data()["serviceOrder"]["nextRevisionKm"], 45100);
    let inactive = |days: i32| {
        let (app, admin) = (&app, &admin);
        async move {
            let response =
                app.op("InactiveCustomers", json!({ "days": days, "first": 50 }), Some(admin)).await;
            let list = &response.data()["inactiveCustomers"];
            let names: Vec<String> = list["edges"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| e["node"]["name"].as_str().unwrap().to_owned())
                .collect();
            assert_eq!(list["totalCount"], names.len());
            names
        }
    };
    assert_eq!(
        inactive(30).await,
        ["Bia"],
        "served before, not in the last 30 days; never served is not inactive"
    );
    assert_eq!(inactive(10).await, ["Bia"], "Ana and Duda came back today");
    assert!(inactive(90).await.is_empty());
    let mut pooled = app.state.db.get().await.unwrap();
    let ana_last: i64 = ana_second.parse().unwrap();
    let forty_days_ago = chrono::Utc::now().naive_utc() - chrono::Duration::days(40);
    oficina_domain::run!(&mut pooled.conn(), |c| {
        diesel::update(service_orders::table.find(ana_last))
            .set(service_orders::finished_at.eq(forty_days_ago))
            .execute(c)
            .await
    })
    .unwrap();
    drop(pooled);
    assert_eq!(inactive(30).await, ["Ana", "Bia"]);
    let page = app.op("InactiveCustomers", json!({ "days": 30, "first": 1 }), Some(&admin)).await;
    assert_eq!(page.data()["inactiveCustomers"]["totalCount"], 2);
    app.op("InactiveCustomers", json!({ "days": 0 }), Some(&admin))
        .await
        .assert_error("BAD_USER_INPUT", Some("days"));

    // Parts left the stock once per finished order: Ana 1 + Bia 2 + Duda 2 + 2 of the product.
    assert_eq!(stock(&app, &catalog.product).await, (1000 - 1 - 2 - 2 - 2) * 1000);
}

/// Editing a finished order is refused on its `id` argument (not on a field of `input`), like
/// every change of a closed order.
#[tokio::test(flavor = "multi_thread")]
async fn editing_a_closed_order_is_refused_on_its_id() {
    let app = TestApp::spawn().await;
    let admin = app.register(CNPJ_A, "a@example.com").await;
    let catalog = new_catalog(&app, &admin, "A").await;
    let ana = client(&app, &admin, "Ana", 1).await;
    let (done, _) = finished(&app, &admin, &ana, None, &catalog).await;
    let events = app.event_count().await;
    let refused = [
        app.graphql(UPDATE_ORDER, json!({ "id": done.id, "input": header("x", None) }), Some(&admin)).await,
        app.graphql(CHANGE_ITEM, json!({ "id": done.items[0], "input": change() }), Some(&admin)).await,
        app.graphql(REMOVE_ITEM, json!({ "id": done.items[0] }), Some(&admin)).await,
    ];
    for response in refused {
        response.assert_error("BAD_USER_INPUT", Some("id"));
    }
    // Adding an item names the order in its `serviceOrderId` argument.
    app.graphql(
        ADD_ITEM,
        json!({ "id": done.id, "item": { "serviceId": catalog.service, "quantity": 1 } }),
        Some(&admin),
    )
    .await
    .assert_error("BAD_USER_INPUT", Some("serviceOrderId"));
    assert_eq!(app.event_count().await, events);
}

#[tokio::test]
async fn a_mechanic_sees_no_customers_spending() {
    let app = TestApp::spawn().await;
    let admin = app.register(CNPJ_A, "a@example.com").await;
    let catalog = new_catalog(&app, &admin, "A").await;
    let ana = client(&app, &admin, "Ana", 1).await;
    finished(&app, &admin, &ana, None, &catalog).await;
    let (mechanic_token, _) = mechanic(&app, &admin, "m@example.com").await;
    const SPENT: &str = "query($id: ID!) { customer(id: $id) { totalSpentCents visitCount } }";
    let as_admin = app.graphql(SPENT, json!({ "id": ana.id }), Some(&admin)).await;
    assert!(as_admin.data()["customer"]["totalSpentCents"].as_i64().unwrap() > 0);
    let as_mechanic = app.graphql(SPENT, json!({ "id": ana.id }), Some(&mechanic_token)).await;
    assert_eq!(as_mechanic.data()["customer"]["totalSpentCents"], Value::Null);
    assert_eq!(as_mechanic.data()["customer"]["visitCount"], 1);
}

#[tokio::test]
async fn the_front_desk_lists_the_mechanics_to_assign() {
    let app = TestApp::spawn().await;
    let admin = app.register(CNPJ_A, "a@example.com").await;
    let (mechanic_token, mechanic_id) = mechanic(&app, &admin, "m@example.com").await;
    app.add_staff(&admin, "op@example.com", "OPERATOR").await;
    let operator = app.sign_in("op@example.com").await;
    const MECHANICS: &str = "{ mechanics { id name } }";
    let listed = app.graphql(MECHANICS, json!({}), Some(&operator)).await;
    assert_eq!(listed.data()["mechanics"], json!([{ "id": mechanic_id, "name": "Mecânico m@example.com" }]));
    app.graphql(MECHANICS, json!({}), Some(&mechanic_token)).await.assert_error("FORBIDDEN", None);
}

#[tokio::test]
async fn the_admin_reads_and_changes_the_order_settings() {
    let app = TestApp::spawn().await;
    let admin = app.register(CNPJ_A, "a@example.com").await;
    app.add_staff(&admin, "op@example.com", "OPERATOR").await;
    let operator = app.sign_in("op@example.com").await;
    const SETTINGS: &str = "{ serviceOrderSettings { nextNumber allowNegativeStock } }";
    let read = app.graphql(SETTINGS, json!({}), Some(&admin)).await;
    assert_eq!(read.data()["serviceOrderSettings"], json!({ "nextNumber": 1, "allowNegativeStock": false }));
    app.graphql(NEXT_NUMBER, json!({ "number": 500 }), Some(&admin)).await.data();
    app.graphql("mutation { setAllowNegativeStock(allow: true) }", json!({}), Some(&admin)).await.data();
    let read = app.graphql(SETTINGS, json!({}), Some(&admin)).await;
    assert_eq!(read.data()["serviceOrderSettings"], json!({ "nextNumber": 500, "allowNegativeStock": true }));
    app.graphql(SETTINGS, json!({}), Some(&operator)).await.assert_error("FORBIDDEN", None);
}
