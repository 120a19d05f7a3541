//! Service orders: quotes, items and totals, the status machine, finishing (stock and
//! installments), numbering under concurrency (contract: service.graphql).

use std::time::Duration;

use serde_json::{Value, json};

use crate::helpers::ws::WsClient;
use crate::helpers::{CNPJ_A, Response, TestApp};

/// A workshop with a customer, their vehicle, another customer's vehicle and a small catalog.
struct Shop {
    app: TestApp,
    admin: String,
    customer: String,
    vehicle: String,
    others_vehicle: String,
    /// FLT-001, UN, R$ 45,90, 10 in stock.
    filter: String,
    /// OLEO, L, R$ 39,90, 20 in stock.
    oil: String,
    /// MO-01, R$ 120,00.
    labour: String,
}

async fn shop() -> Shop {
    let app = TestApp::spawn().await;
    let admin = app.register(CNPJ_A, "a@example.com").await;
    let customer = create_customer(&app, &admin, "Maria Silva", "529.982.247-25").await;
    let other = create_customer(&app, &admin, "João Souza", "111.444.777-35").await;
    let vehicle = create_vehicle(&app, &admin, &customer, "BRA2E19").await;
    let others_vehicle = create_vehicle(&app, &admin, &other, "ABC1234").await;
    let filter = create_product(&app, &admin, "FLT-001", "Filtro de óleo", "UN", 4590, 10.0).await;
    let oil = create_product(&app, &admin, "OLEO", "Óleo 5W30", "L", 3990, 20.0).await;
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
    Shop { app, admin, customer, vehicle, others_vehicle, filter, oil, labour }
}

async fn create_customer(app: &TestApp, token: &str, name: &str, cpf: &str) -> String {
    let response =
        app.op("CreateCustomer", json!({ "input": { "name": name, "document": cpf } }), Some(token)).await;
    response.data()["createCustomer"]["id"].as_str().unwrap().to_owned()
}

async fn create_vehicle(app: &TestApp, token: &str, customer_id: &str, plate: &str) -> String {
    let input = json!({ "customerId": customer_id, "plate": plate, "kind": "CAR", "brand": "Fiat",
        "model": "Argo", "year": 2021, "fuel": "FLEX", "doors": 4, "odometerKm": 35000 });
    let response = app.op("CreateVehicle", json!({ "input": input }), Some(token)).await;
    response.data()["createVehicle"]["id"].as_str().unwrap().to_owned()
}

async fn create_product(
    app: &TestApp,
    token: &str,
    reference: &str,
    name: &str,
    unit: &str,
    price: i64,
    stock: f64,
) -> String {
    let input = json!({ "reference": reference, "name": name, "unit": unit, "priceCents": price,
        "stockQuantity": stock, "minimumStock": 0 });
    let response = app.op("CreateProduct", json!({ "input": input }), Some(token)).await;
    response.data()["createProduct"]["id"].as_str().unwrap().to_owned()
}

const ORDER_FIELDS: &str = "id number status odometerKm notes discountCents taxesCents servicesCents \
    partsCents finalCents cancelReason vehicle { id odometerKm } \
    items { id productId serviceId description quantity unitPriceCents totalCents } \
    installments { id number dueDate amountCents paidAt method }";

fn order_query() -> String {
    format!("query($id: ID!) {{ serviceOrder(id: $id) {{ {ORDER_FIELDS} }} }}")
}

fn update_order() -> String {
    format!(
        "mutation($id: ID!, $input: ServiceOrderUpdateInput!) {{ updateServiceOrder(id: $id, input: $input) \
         {{ {ORDER_FIELDS} }} }}"
    )
}

fn add_item() -> String {
    format!(
        "mutation($orderId: ID!, $item: ServiceOrderItemInput!) {{ \
         addServiceOrderItem(serviceOrderId: $orderId, item: $item) {{ {ORDER_FIELDS} }} }}"
    )
}

fn update_item() -> String {
    format!(
        "mutation($id: ID!, $input: ServiceOrderItemChangeInput!) {{ \
         updateServiceOrderItem(id: $id, input: $input) {{ {ORDER_FIELDS} }} }}"
    )
}

fn remove_item() -> String {
    format!("mutation($id: ID!) {{ removeServiceOrderItem(id: $id) {{ {ORDER_FIELDS} }} }}")
}

const UPDATE_PRODUCT: &str = "mutation($id: ID!, $input: ProductInput!) { updateProduct(id: $id, input: $input) \
    { id priceCents } }";
const ALLOW_NEGATIVE: &str = "mutation($allow: Boolean!) { setAllowNegativeStock(allow: $allow) }";
const NEXT_NUMBER: &str = "mutation($number: Int!) { setNextServiceOrderNumber(number: $number) }";
const PRODUCT_STOCK: &str = "query($id: ID!) { product(id: $id) { stockQuantity } }";

impl Shop {
    /// The contract's example order: the labour once and two filters.
    fn quote(&self) -> Value {
        json!({ "customerId": self.customer, "vehicleId": self.vehicle, "mechanicId": null,
            "odometerKm": 35100, "notes": "barulho na suspensão", "discountCents": 0, "taxesCents": 0,
            "items": [{ "serviceId": self.labour, "quantity": 1 }, { "productId": self.filter, "quantity": 2 }] })
    }

    async fn create(&self, input: Value) -> Response {
        self.app.op("CreateServiceOrder", json!({ "input": input }), Some(&self.admin)).await
    }

    /// Creates `input`; returns the order's id.
    async fn create_ok(&self, input: Value) -> String {
        self.create(input).await.data()["createServiceOrder"]["id"].as_str().unwrap().to_owned()
    }

    async fn order(&self, id: &str) -> Value {
        let response = self.app.graphql(&order_query(), json!({ "id": id }), Some(&self.admin)).await;
        response.data()["serviceOrder"].clone()
    }

    async fn start(&self, id: &str) -> Response {
        self.app.op("StartServiceOrder", json!({ "id": id }), Some(&self.admin)).await
    }

    async fn cancel(&self, id: &str, reason: &str) -> Response {
        self.app.op("CancelServiceOrder", json!({ "id": id, "reason": reason }), Some(&self.admin)).await
    }

    async fn finish(&self, id: &str, installments: i64, first_due: &str) -> Response {
        let payment =
            json!({ "method": "CREDIT_CARD", "installments": installments, "firstDueDate": first_due });
        self.app.op("FinishServiceOrder", json!({ "id": id, "payment": payment }), Some(&self.admin)).await
    }

    async fn stock(&self, product: &str) -> f64 {
        let response = self.app.graphql(PRODUCT_STOCK, json!({ "id": product }), Some(&self.admin)).await;
        response.data()["product"]["stockQuantity"].as_f64().unwrap()
    }

    /// An order in each status: QUOTE, IN_PROGRESS, FINISHED, CANCELLED.
    async fn one_of_each(&self) -> [(&'static str, String); 4] {
        let quote = self.create_ok(self.quote()).await;
        let started = self.create_ok(self.quote()).await;
        self.start(&started).await.data();
        let finished = self.create_ok(self.quote()).await;
        self.start(&finished).await.data();
        self.finish(&finished, 1, "2026-12-10").await.data();
        let cancelled = self.create_ok(self.quote()).await;
        self.cancel(&cancelled, "cliente desistiu").await.data();
        [("QUOTE", quote), ("IN_PROGRESS", started), ("FINISHED", finished), ("CANCELLED", cancelled)]
    }
}

/// The stock movements of `order_id`: (product id, quantity in thousandths, who).
async fn stock_movements(app: &TestApp, order_id: &str) -> Vec<(i64, i64, Option<i64>)> {
    use diesel::prelude::*;
    use diesel_async::RunQueryDsl;
    use oficina_domain::schema::stock_movements as m;
    let order_id: i64 = order_id.parse().unwrap();
    let mut pooled = app.state.db.get().await.unwrap();
    oficina_domain::run!(&mut pooled.conn(), |c| {
        m::table
            .filter(m::service_order_id.eq(order_id))
            .order(m::id)
            .select((m::product_id, m::quantity_milli, m::actor_user_id))
            .load(c)
            .await
    })
    .unwrap()
}

fn message(response: &Response) -> String {
    response.body["errors"][0]["message"].as_str().unwrap_or_default().to_owned()
}

fn id(value: &str) -> i64 {
    value.parse().unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_quote_prices_its_items_from_the_catalog_and_keeps_the_price() {
    let s = shop().await;
    let mut input = s.quote();
    input["discountCents"] = json!(1000);
    input["taxesCents"] = json!(500);
    let created = s.create(input).await;
    let order = &created.data()["createServiceOrder"];
    assert_eq!(order["number"], 1);
    assert_eq!(order["status"], "QUOTE");
    let items = order["items"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    assert_eq!(
        (&items[0]["description"], &items[0]["unitPriceCents"], &items[0]["totalCents"]),
        (&json!("Troca de óleo"), &json!(12000), &json!(12000))
    );
    assert_eq!(
        (
            &items[1]["description"],
            &items[1]["quantity"],
            &items[1]["unitPriceCents"],
            &items[1]["totalCents"]
        ),
        (&json!("Filtro de óleo"), &json!(2.0), &json!(4590), &json!(9180))
    );
    assert_eq!(order["servicesCents"], 12000);
    assert_eq!(order["partsCents"], 9180);
    assert_eq!(order["discountCents"], 1000);
    assert_eq!(order["taxesCents"], 500);
    assert_eq!(order["finalCents"], 12000 + 9180 - 1000 + 500);
    let id = order["id"].as_str().unwrap().to_owned();

    // The catalog price changes: the order keeps the price it had; a new item takes the new one.
    let input = json!({ "reference": "FLT-001", "name": "Filtro de óleo", "unit": "UN", "priceCents": 5000,
        "stockQuantity": 10, "minimumStock": 0 });
    s.app.graphql(UPDATE_PRODUCT, json!({ "id": s.filter, "input": input }), Some(&s.admin)).await.data();
    let read = s.app.op("ServiceOrder", json!({ "id": id }), Some(&s.admin)).await;
    let read = &read.data()["serviceOrder"];
    assert_eq!(read["number"], 1);
    assert_eq!(read["customer"]["name"], "Maria Silva");
    assert_eq!(read["vehicle"]["plate"], "BRA2E19");
    assert_eq!(read["mechanic"], Value::Null);
    assert_eq!(read["items"][1]["totalCents"], 9180);
    assert_eq!(read["finalCents"], 20680);
    let added = s
        .app
        .graphql(
            &add_item(),
            json!({ "orderId": id, "item": { "productId": s.filter, "quantity": 1 } }),
            Some(&s.admin),
        )
        .await;
    let added = &added.data()["addServiceOrderItem"];
    assert_eq!(added["items"][2]["unitPriceCents"], 5000);
    assert_eq!(added["items"][1]["unitPriceCents"], 4590, "kept as it was when added");
    assert_eq!(added["partsCents"], 9180 + 5000);
    assert_eq!(added["finalCents"], 20680 + 5000);

    // A price typed on the item wins over the catalog's.
    let typed = s.app.graphql(&add_item(), json!({ "orderId": id, "item": { "serviceId": s.labour, "quantity": 2, "unitPriceCents": 9999 } }), Some(&s.admin)).await;
    let typed = &typed.data()["addServiceOrderItem"];
    assert_eq!(typed["items"][3]["totalCents"], 19998);
    assert_eq!(typed["servicesCents"], 12000 + 19998);
    let items = typed["items"].as_array().unwrap();
    let sum: i64 = items.iter().map(|i| i["totalCents"].as_i64().unwrap()).sum();
    assert_eq!(typed["servicesCents"].as_i64().unwrap() + typed["partsCents"].as_i64().unwrap(), sum);
}

#[tokio::test(flavor = "multi_thread")]
async fn every_wrong_order_input_names_its_field_and_writes_nothing() {
    let s = shop().await;
    let events = s.app.event_count().await;
    let mut others = s.quote();
    others["vehicleId"] = json!(s.others_vehicle);
    s.create(others).await.assert_error("BAD_USER_INPUT", Some("input.vehicleId"));

    let mut both = s.quote();
    both["items"] = json!([{ "productId": s.filter, "serviceId": s.labour, "quantity": 1 }]);
    s.create(both).await.assert_error("BAD_USER_INPUT", Some("input.items.0.productId"));
    let mut neither = s.quote();
    neither["items"] = json!([{ "quantity": 1 }]);
    s.create(neither).await.assert_error("BAD_USER_INPUT", Some("input.items.0.productId"));

    for (item, field) in [
        (json!({ "productId": s.filter, "quantity": 0 }), "input.items.0.quantity"),
        (json!({ "productId": s.filter, "quantity": -1 }), "input.items.0.quantity"),
        (json!({ "productId": s.filter, "quantity": 1.5 }), "input.items.0.quantity"),
        (json!({ "serviceId": s.labour, "quantity": 0 }), "input.items.0.quantity"),
        (json!({ "productId": s.oil, "quantity": 1.2345 }), "input.items.0.quantity"),
        (json!({ "productId": s.oil, "quantity": 0.0001 }), "input.items.0.quantity"),
        (
            json!({ "productId": s.filter, "quantity": 1, "unitPriceCents": -1 }),
            "input.items.0.unitPriceCents",
        ),
    ] {
        let mut input = s.quote();
        input["items"] = json!([item]);
        s.create(input).await.assert_error("BAD_USER_INPUT", Some(field));
    }
    // Subtotal 21.180: a discount of 21.181 is too much.
    let mut discount = s.quote();
    discount["discountCents"] = json!(21181);
    s.create(discount).await.assert_error("BAD_USER_INPUT", Some("input.discountCents"));
    let mut negative = s.quote();
    negative["taxesCents"] = json!(-1);
    s.create(negative).await.assert_error("BAD_USER_INPUT", Some("input.taxesCents"));
    assert_eq!(s.app.event_count().await, events, "nothing was written");

    // Litres take decimals; a discount of the whole subtotal leaves the taxes.
    let mut litres = s.quote();
    litres["items"] =
        json!([{ "productId": s.oil, "quantity": 1.5 }, { "productId": s.oil, "quantity": 0.125 }]);
    litres["discountCents"] = json!(5985 + 499);
    litres["taxesCents"] = json!(7);
    let created = s.create(litres).await;
    let order = &created.data()["createServiceOrder"];
    assert_eq!(order["items"][0]["quantity"], 1.5);
    assert_eq!(order["items"][0]["totalCents"], 5985);
    assert_eq!(order["items"][1]["totalCents"], 499, "0,125 × 39,90 = 4,9875: 4,99");
    assert_eq!(order["finalCents"], 7);
    assert_eq!(order["number"], 1, "refused creations used no number");
}

#[tokio::test(flavor = "multi_thread")]
async fn open_orders_are_edited_and_closed_ones_refused() {
    let s = shop().await;
    let id = s.create_ok(s.quote()).await;
    for (status, start) in [("QUOTE", false), ("IN_PROGRESS", true)] {
        if start {
            s.start(&id).await.data();
        }
        let header = json!({ "discountCents": 180, "taxesCents": 50, "notes": format!("nota {status}"),
            "odometerKm": 35100, "mechanicId": null });
        let updated =
            s.app.graphql(&update_order(), json!({ "id": id, "input": header }), Some(&s.admin)).await;
        let updated = &updated.data()["updateServiceOrder"];
        assert_eq!(updated["notes"], format!("nota {status}"));
        let subtotal = updated["servicesCents"].as_i64().unwrap() + updated["partsCents"].as_i64().unwrap();
        assert_eq!(updated["finalCents"], subtotal - 180 + 50);

        let added = s
            .app
            .graphql(
                &add_item(),
                json!({ "orderId": id, "item": { "productId": s.oil, "quantity": 2.5 } }),
                Some(&s.admin),
            )
            .await;
        let added = &added.data()["addServiceOrderItem"];
        let item = added["items"].as_array().unwrap().last().unwrap().clone();
        assert_eq!(item["totalCents"], 9975);
        assert_eq!(added["partsCents"], 9180 + 9975);

        let change = json!({ "quantity": 0.75, "unitPriceCents": 4000 });
        let changed =
            s.app.graphql(&update_item(), json!({ "id": item["id"], "input": change }), Some(&s.admin)).await;
        let changed = &changed.data()["updateServiceOrderItem"];
        assert_eq!(changed["items"].as_array().unwrap().last().unwrap()["totalCents"], 3000);
        assert_eq!(changed["partsCents"], 9180 + 3000);
        assert_eq!(changed["finalCents"], 12000 + 9180 + 3000 - 180 + 50);
        // A filter is counted in whole units; a zero quantity is no item.
        let filter_item = &changed["items"][1]["id"];
        for quantity in [json!(1.5), json!(0)] {
            let change = json!({ "quantity": quantity, "unitPriceCents": 4590 });
            s.app
                .graphql(&update_item(), json!({ "id": filter_item, "input": change }), Some(&s.admin))
                .await
                .assert_error("BAD_USER_INPUT", Some("input.quantity"));
        }

        let removed = s.app.graphql(&remove_item(), json!({ "id": item["id"] }), Some(&s.admin)).await;
        let removed = &removed.data()["removeServiceOrderItem"];
        assert_eq!(removed["items"].as_array().unwrap().len(), 2);
        assert_eq!(removed["partsCents"], 9180);
        assert_eq!(removed["finalCents"], 12000 + 9180 - 180 + 50);
        // The discount may not pass the subtotal of what is left.
        let header = json!({ "discountCents": 21181, "taxesCents": 0 });
        s.app
            .graphql(&update_order(), json!({ "id": id, "input": header }), Some(&s.admin))
            .await
            .assert_error("BAD_USER_INPUT", Some("input.discountCents"));
    }

    // Closed orders refuse every edit on `id`, naming their status.
    let finished = s.create_ok(s.quote()).await;
    s.start(&finished).await.data();
    s.finish(&finished, 1, "2026-12-10").await.data();
    let cancelled = s.create_ok(s.quote()).await;
    s.cancel(&cancelled, "cliente desistiu").await.data();
    for (order_id, label) in [(&finished, "finalizada"), (&cancelled, "cancelada")] {
        let order = s.order(order_id).await;
        let item_id = order["items"][0]["id"].clone();
        let events = s.app.event_count().await;
        let header = json!({ "discountCents": 0, "taxesCents": 0, "notes": "tarde demais" });
        let attempts = [
            s.app.graphql(&update_order(), json!({ "id": order_id, "input": header }), Some(&s.admin)).await,
            s.app
                .graphql(
                    &add_item(),
                    json!({ "orderId": order_id, "item": { "serviceId": s.labour, "quantity": 1 } }),
                    Some(&s.admin),
                )
                .await,
            s.app
                .graphql(
                    &update_item(),
                    json!({ "id": item_id, "input": { "quantity": 3, "unitPriceCents": 1 } }),
                    Some(&s.admin),
                )
                .await,
            s.app.graphql(&remove_item(), json!({ "id": item_id }), Some(&s.admin)).await,
        ];
        for attempt in &attempts {
            let field = if attempt.body["errors"][0]["path"][0] == "addServiceOrderItem" {
                "serviceOrderId"
            } else {
                "id"
            };
            attempt.assert_error("BAD_USER_INPUT", Some(field));
            assert!(message(attempt).contains(label), "{}", message(attempt));
        }
        assert_eq!(s.order(order_id).await, order, "unchanged");
        assert_eq!(s.app.event_count().await, events);
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn the_odometer_raises_the_vehicles_only_when_higher() {
    let s = shop().await;
    let mut lower = s.quote();
    lower["odometerKm"] = json!(34000);
    let id = s.create_ok(lower).await;
    assert_eq!(s.order(&id).await["vehicle"]["odometerKm"], 35000, "a lower reading leaves it");
    assert_eq!(s.order(&id).await["odometerKm"], 34000);
    let higher = s.create_ok(s.quote()).await;
    assert_eq!(s.order(&higher).await["vehicle"]["odometerKm"], 35100);
    for (km, expected) in [(36000, 36000), (35500, 36000)] {
        let header = json!({ "discountCents": 0, "taxesCents": 0, "odometerKm": km });
        let updated =
            s.app.graphql(&update_order(), json!({ "id": id, "input": header }), Some(&s.admin)).await;
        assert_eq!(updated.data()["updateServiceOrder"]["odometerKm"], km);
        assert_eq!(updated.data()["updateServiceOrder"]["vehicle"]["odometerKm"], expected);
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn every_forbidden_transition_names_the_current_status() {
    let s = shop().await;
    let orders = s.one_of_each().await;
    let label = |status: &str| match status {
        "QUOTE" => "orçamento",
        "IN_PROGRESS" => "em andamento",
        "FINISHED" => "finalizada",
        _ => "cancelada",
    };
    let events = s.app.event_count().await;
    for (status, order_id) in &orders {
        let before = s.order(order_id).await;
        let mut refused = Vec::new();
        if *status != "QUOTE" {
            refused.push(s.start(order_id).await);
        }
        if *status != "IN_PROGRESS" {
            refused.push(s.finish(order_id, 2, "2026-12-10").await);
        }
        if ["FINISHED", "CANCELLED"].contains(status) {
            refused.push(s.cancel(order_id, "motivo qualquer").await);
        }
        assert!(!refused.is_empty());
        for response in &refused {
            response.assert_error("BAD_USER_INPUT", Some("id"));
            let message = message(response);
            assert!(message.contains(label(status)), "{status}: {message}");
        }
        assert_eq!(s.order(order_id).await, before, "{status} unchanged");
    }
    assert_eq!(s.app.event_count().await, events, "no event for a refused transition");
    assert_eq!(stock_movements(&s.app, &orders[2].1).await.len(), 1, "finished once");
    assert_eq!(s.stock(&s.filter).await, 8.0);

    // Cancelling an order in progress works; the reason is kept.
    let started = s.create_ok(s.quote()).await;
    s.start(&started).await.data();
    let cancelled = s.cancel(&started, "  peça não chegou ").await;
    assert_eq!(cancelled.data()["cancelServiceOrder"]["status"], "CANCELLED");
    assert_eq!(s.order(&started).await["cancelReason"], "peça não chegou");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_cancel_reason_has_3_to_500_characters() {
    let s = shop().await;
    let id = s.create_ok(s.quote()).await;
    let before = s.order(&id).await;
    let events = s.app.event_count().await;
    for reason in ["ab".to_owned(), "  ab  ".to_owned(), "x".repeat(501), String::new()] {
        s.cancel(&id, &reason).await.assert_error("BAD_USER_INPUT", Some("reason"));
    }
    assert_eq!(s.order(&id).await, before);
    assert_eq!(s.app.event_count().await, events);
    let longest = "x".repeat(500);
    assert_eq!(s.cancel(&id, &longest).await.data()["cancelServiceOrder"]["status"], "CANCELLED");
    let other = s.create_ok(s.quote()).await;
    assert_eq!(s.cancel(&other, "abc").await.data()["cancelServiceOrder"]["status"], "CANCELLED");
}

#[tokio::test(flavor = "multi_thread")]
async fn finishing_takes_stock_and_creates_the_installments() {
    let s = shop().await;
    let mut input = s.quote();
    input["items"] = json!([
        { "serviceId": s.labour, "quantity": 1 },
        { "productId": s.filter, "quantity": 2 },
        { "productId": s.oil, "quantity": 1.5 },
    ]);
    input["taxesCents"] = json!(1);
    let id = s.create_ok(input).await;
    let started = s.start(&id).await;
    assert_eq!(started.data()["startServiceOrder"]["status"], "IN_PROGRESS");
    for count in [0, 13, -1] {
        s.finish(&id, count, "2026-01-31").await.assert_error("BAD_USER_INPUT", Some("payment.installments"));
    }
    assert_eq!(s.order(&id).await["status"], "IN_PROGRESS");
    assert_eq!(s.stock(&s.filter).await, 10.0);

    let finished = s.finish(&id, 3, "2026-01-31").await;
    let order = &finished.data()["finishServiceOrder"];
    assert_eq!(order["status"], "FINISHED");
    assert!(order["finishedAt"].is_string());
    // 120,00 + 2 × 45,90 + 1,5 × 39,90 + 0,01 = 271,66 → 90,56 + 90,55 + 90,55.
    assert_eq!(order["finalCents"], 27166);
    let installments = order["installments"].as_array().unwrap();
    let plan: Vec<(i64, &str, i64)> = installments
        .iter()
        .map(|i| {
            (
                i["number"].as_i64().unwrap(),
                i["dueDate"].as_str().unwrap(),
                i["amountCents"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(plan, [(1, "2026-01-31", 9056), (2, "2026-02-28", 9055), (3, "2026-03-31", 9055)]);
    assert!(installments.iter().all(|i| i["method"] == "CREDIT_CARD" && i["paidAt"].is_null()));

    assert_eq!(s.stock(&s.filter).await, 8.0);
    assert_eq!(s.stock(&s.oil).await, 18.5);
    let movements = stock_movements(&s.app, &id).await;
    let moved: Vec<(i64, i64)> = movements.iter().map(|(p, q, _)| (*p, *q)).collect();
    assert_eq!(moved, [(self::id(&s.filter), -2000), (self::id(&s.oil), -1500)], "one per part item");
    assert!(movements.iter().all(|(_, _, actor)| actor.is_some()), "with who moved it");

    // Paying: once; twice is a conflict.
    let first = installments[0]["id"].clone();
    let paid = s.app.op("PayInstallment", json!({ "id": first }), Some(&s.admin)).await;
    assert!(paid.data()["payInstallment"]["paidAt"].is_string());
    s.app.op("PayInstallment", json!({ "id": first }), Some(&s.admin)).await.assert_error("CONFLICT", None);
    let read = s.order(&id).await;
    assert!(read["installments"][0]["paidAt"].is_string());
    assert!(read["installments"][1]["paidAt"].is_null());

    // Twelve monthly from a 31st; one installment is the whole.
    let twelve = s.create_ok(s.quote()).await;
    s.start(&twelve).await.data();
    let finished = s.finish(&twelve, 12, "2026-08-31").await;
    let installments = finished.data()["finishServiceOrder"]["installments"].as_array().unwrap().clone();
    let dates: Vec<&str> = installments.iter().map(|i| i["dueDate"].as_str().unwrap()).collect();
    assert_eq!(
        dates,
        [
            "2026-08-31",
            "2026-09-30",
            "2026-10-31",
            "2026-11-30",
            "2026-12-31",
            "2027-01-31",
            "2027-02-28",
            "2027-03-31",
            "2027-04-30",
            "2027-05-31",
            "2027-06-30",
            "2027-07-31"
        ]
    );
    let amounts: Vec<i64> = installments.iter().map(|i| i["amountCents"].as_i64().unwrap()).collect();
    assert_eq!(amounts, [1765; 12], "21.180 / 12 = 1.765 exactly");
    let one = s.create_ok(s.quote()).await;
    s.start(&one).await.data();
    let finished = s.finish(&one, 1, "2026-12-10").await;
    let installments = &finished.data()["finishServiceOrder"]["installments"];
    assert_eq!(installments.as_array().unwrap().len(), 1);
    assert_eq!(installments[0]["amountCents"], 21180);
}

#[tokio::test(flavor = "multi_thread")]
async fn stock_goes_below_zero_only_when_the_admin_allows_it() {
    let s = shop().await;
    let scarce = create_product(&s.app, &s.admin, "PAST-01", "Pastilha de freio", "JG", 8000, 1.0).await;
    let mut input = s.quote();
    input["items"] =
        json!([{ "productId": s.filter, "quantity": 1 }, { "productId": scarce, "quantity": 2 }]);
    let id = s.create_ok(input).await;
    s.start(&id).await.data();
    let events = s.app.event_count().await;
    let refused = s.finish(&id, 1, "2026-12-10").await;
    refused.assert_error("BAD_USER_INPUT", None);
    assert!(message(&refused).contains("Pastilha de freio"), "{}", message(&refused));
    assert_eq!(s.order(&id).await["status"], "IN_PROGRESS", "nothing changed");
    assert_eq!(s.stock(&s.filter).await, 10.0, "the filter's stock is back");
    assert_eq!(s.stock(&scarce).await, 1.0);
    assert!(stock_movements(&s.app, &id).await.is_empty());
    assert_eq!(s.app.event_count().await, events);

    let operator = s.app.add_staff(&s.admin, "op@example.com", "OPERATOR").await;
    s.app
        .graphql(ALLOW_NEGATIVE, json!({ "allow": true }), Some(&operator))
        .await
        .assert_error("FORBIDDEN", None);
    let allowed = s.app.graphql(ALLOW_NEGATIVE, json!({ "allow": true }), Some(&s.admin)).await;
    assert_eq!(allowed.data()["setAllowNegativeStock"], true);
    let finished = s.finish(&id, 1, "2026-12-10").await;
    assert_eq!(finished.data()["finishServiceOrder"]["status"], "FINISHED");
    assert_eq!(s.stock(&scarce).await, -1.0);
    assert_eq!(s.stock(&s.filter).await, 9.0);
    assert_eq!(stock_movements(&s.app, &id).await.len(), 2);

    // Back off: the next order short of stock is refused again.
    s.app.graphql(ALLOW_NEGATIVE, json!({ "allow": false }), Some(&s.admin)).await.data();
    let mut input = s.quote();
    input["items"] = json!([{ "productId": scarce, "quantity": 1 }]);
    let next = s.create_ok(input).await;
    s.start(&next).await.data();
    s.finish(&next, 1, "2026-12-10").await.assert_error("BAD_USER_INPUT", None);
}

#[tokio::test(flavor = "multi_thread")]
async fn twenty_concurrent_creations_get_numbers_1_to_20() {
    let s = shop().await;
    let creations = (0..20).map(|_| s.create(s.quote()));
    let responses = futures_util::future::join_all(creations).await;
    let mut numbers: Vec<i64> =
        responses.iter().map(|r| r.data()["createServiceOrder"]["number"].as_i64().unwrap()).collect();
    numbers.sort_unstable();
    assert_eq!(numbers, (1..=20).collect::<Vec<i64>>());

    // The ADMIN continues an older system's numbering; never at or below a number used.
    let operator = s.app.add_staff(&s.admin, "op@example.com", "OPERATOR").await;
    s.app
        .graphql(NEXT_NUMBER, json!({ "number": 1000 }), Some(&operator))
        .await
        .assert_error("FORBIDDEN", None);
    for used in [20, 5, 0] {
        s.app
            .graphql(NEXT_NUMBER, json!({ "number": used }), Some(&s.admin))
            .await
            .assert_error("BAD_USER_INPUT", Some("number"));
    }
    let set = s.app.graphql(NEXT_NUMBER, json!({ "number": 1000 }), Some(&s.admin)).await;
    assert_eq!(set.data()["setNextServiceOrderNumber"], 1000);
    let next = s.create(s.quote()).await;
    assert_eq!(next.data()["createServiceOrder"]["number"], 1000);
    let after = s.create(s.quote()).await;
    assert_eq!(after.data()["createServiceOrder"]["number"], 1001);
    s.app
        .graphql(NEXT_NUMBER, json!({ "number": 1001 }), Some(&s.admin))
        .await
        .assert_error("BAD_USER_INPUT", Some("number"));
    let set = s.app.graphql(NEXT_NUMBER, json!({ "number": 21 }), Some(&s.admin)).await;
    set.assert_error("BAD_USER_INPUT", Some("number"));
}

#[tokio::test(flavor = "multi_thread")]
async fn of_two_concurrent_finishes_exactly_one_wins_and_stock_is_taken_once() {
    let s = shop().await;
    for round in 0..3 {
        let id = s.create_ok(s.quote()).await;
        s.start(&id).await.data();
        let (a, b) = tokio::join!(s.finish(&id, 2, "2026-12-10"), s.finish(&id, 3, "2026-12-10"));
        let (won, lost) = if a.body.get("errors").is_none() { (a, b) } else { (b, a) };
        won.data();
        lost.assert_error("BAD_USER_INPUT", Some("id"));
        assert!(message(&lost).contains("finalizada"), "{}", message(&lost));
        assert_eq!(stock_movements(&s.app, &id).await.len(), 1);
        assert_eq!(s.stock(&s.filter).await, 10.0 - 2.0 * f64::from(round + 1));
        let installments = s.order(&id).await["installments"].as_array().unwrap().len();
        assert_eq!(installments, won.data()["finishServiceOrder"]["installments"].as_array().unwrap().len());
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn staff_follow_their_workshops_orders_live() {
    let s = shop().await;
    let addr = s.app.serve().await;
    let mut watcher = WsClient::signed_in(addr, &s.admin).await;
    let document = crate::helpers::contract::operation("ServiceOrderChanged");
    watcher.subscribe("1", &document).await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    let id = s.create_ok(s.quote()).await;
    let next = watcher.next_within(Duration::from_secs(5)).await.expect("the new order");
    let changed = &next["payload"]["data"]["serviceOrderChanged"];
    assert_eq!(changed["id"], json!(id), "{next}");
    assert_eq!(changed["number"], 1);
    assert_eq!(changed["status"], "QUOTE");
    assert_eq!(changed["vehicle"]["plate"], "BRA2E19");
    s.start(&id).await.data();
    let next = watcher.next_within(Duration::from_secs(5)).await.expect("the start");
    assert_eq!(next["payload"]["data"]["serviceOrderChanged"]["status"], "IN_PROGRESS", "{next}");
}

/// Two orders sharing parts, listed in opposite orders, finished at once: both finish (the
/// parts' stock rows are taken in one order, so the two never wait for each other).
#[tokio::test(flavor = "multi_thread")]
async fn concurrent_finishes_of_orders_sharing_parts_both_succeed() {
    let s = shop().await;
    for _ in 0..5 {
        let mut forward = s.quote();
        forward["items"] =
            json!([{ "productId": s.filter, "quantity": 1 }, { "productId": s.oil, "quantity": 1 }]);
        let mut backward = s.quote();
        backward["items"] =
            json!([{ "productId": s.oil, "quantity": 1 }, { "productId": s.filter, "quantity": 1 }]);
        let (a, b) = (s.create_ok(forward).await, s.create_ok(backward).await);
        s.start(&a).await.data();
        s.start(&b).await.data();
        let (x, y) = tokio::join!(s.finish(&a, 1, "2026-12-10"), s.finish(&b, 1, "2026-12-10"));
        x.data();
        y.data();
    }
    assert_eq!(s.stock(&s.filter).await, 0.0);
    assert_eq!(s.stock(&s.oil).await, 10.0);
}
