//! The service catalog: products (parts) and services (labour) (contract: service.graphql).

use serde_json::{Value, json};

use crate::helpers::{CNPJ_A, CNPJ_B, Options, TestApp};

/// The contract's example product.
fn filter() -> Value {
    json!({ "reference": "FLT-001", "name": "Filtro de óleo", "unit": "UN", "priceCents": 4590,
        "stockQuantity": 10, "minimumStock": 2 })
}

fn product(reference: &str, name: &str, unit: &str, stock: f64, minimum: f64) -> Value {
    json!({ "reference": reference, "name": name, "unit": unit, "priceCents": 1000,
        "stockQuantity": stock, "minimumStock": minimum })
}

fn labour(reference: &str, name: &str) -> Value {
    json!({ "reference": reference, "name": name, "priceCents": 12000, "estimatedMinutes": 60 })
}

async fn create_product(app: &TestApp, token: &str, input: Value) -> String {
    let response = app.op("CreateProduct", json!({ "input": input }), Some(token)).await;
    response.data()["createProduct"]["id"].as_str().unwrap().to_owned()
}

async fn create_service(app: &TestApp, token: &str, input: Value) -> String {
    let response = app.op("CreateService", json!({ "input": input }), Some(token)).await;
    response.data()["createService"]["id"].as_str().unwrap().to_owned()
}

/// The references `Products` lists for these variables.
async fn products(app: &TestApp, token: &str, variables: Value) -> Vec<String> {
    let response = app.op("Products", variables, Some(token)).await;
    let list = &response.data()["products"];
    let references: Vec<String> = list["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["reference"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(list["totalCount"], references.len(), "{list:#}");
    references
}

const SERVICES: &str = "query($search: String, $includeInactive: Boolean) { services(search: $search, \
    includeInactive: $includeInactive) { totalCount edges { node { reference } } } }";

async fn services(app: &TestApp, token: &str, search: &str) -> Vec<String> {
    let response = app.graphql(SERVICES, json!({ "search": search }), Some(token)).await;
    response.data()["services"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["reference"].as_str().unwrap().to_owned())
        .collect()
}

const UPDATE_PRODUCT: &str = "mutation($id: ID!, $input: ProductInput!) { updateProduct(id: $id, input: $input) \
    { id reference name stockQuantity } }";
const DEACTIVATE_PRODUCT: &str = "mutation($id: ID!) { deactivateProduct(id: $id) { id active } }";
const PRODUCT: &str = "query($id: ID!) { product(id: $id) { id reference active lowStock } }";
const UPDATE_SERVICE: &str = "mutation($id: ID!, $input: ServiceInput!) { updateService(id: $id, input: $input) \
    { id name } }";
const DEACTIVATE_SERVICE: &str = "mutation($id: ID!) { deactivateService(id: $id) { id active } }";
const SERVICE: &str = "query($id: ID!) { service(id: $id) { id reference active } }";

/// The kinds of the events recorded so far, oldest first.
async fn event_kinds(app: &TestApp) -> Vec<String> {
    use diesel::prelude::*;
    use diesel_async::RunQueryDsl;
    use oficina_domain::schema::events;
    let mut pooled = app.state.db.get().await.unwrap();
    oficina_domain::run!(&mut pooled.conn(), |c| {
        events::table.order(events::id).select(events::kind).load(c).await
    })
    .unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn the_contract_operations_create_and_list_the_catalog() {
    let app = TestApp::spawn().await;
    let admin = app.register(CNPJ_A, "a@example.com").await;
    let created = app.op("CreateProduct", json!({ "input": filter() }), Some(&admin)).await;
    let created = &created.data()["createProduct"];
    assert_eq!(created["reference"], "FLT-001");
    assert_eq!(created["name"], "Filtro de óleo");
    assert_eq!(created["unit"], "UN");
    assert_eq!(created["priceCents"], 4590);
    assert_eq!(created["stockQuantity"], 10.0);
    assert_eq!(created["minimumStock"], 2.0);

    let oil =
        product_input_with(product("oleo-5w30", "  Óleo   5W30 ", "L", 12.345, 4.0), "warrantyDays", 90);
    let response = app.op("CreateProduct", json!({ "input": oil }), Some(&admin)).await;
    assert_eq!(response.data()["createProduct"]["reference"], "OLEO-5W30", "references are upper-case");
    assert_eq!(response.data()["createProduct"]["name"], "Óleo 5W30");
    assert_eq!(response.data()["createProduct"]["stockQuantity"], 12.345);

    let listed = app.op("Products", json!({ "first": 10 }), Some(&admin)).await;
    assert_eq!(listed.data()["products"]["totalCount"], 2);
    assert_eq!(listed.data()["products"]["edges"][0]["node"]["name"], "Filtro de óleo", "name order");

    let service =
        app.op("CreateService", json!({ "input": labour("MO-01", "Troca de óleo") }), Some(&admin)).await;
    assert_eq!(service.data()["createService"]["priceCents"], 12000);
    assert_eq!(service.data()["createService"]["reference"], "MO-01");
    let kinds = event_kinds(&app).await;
    assert_eq!(kinds[kinds.len() - 3..], ["product.created", "product.created", "service.created"]);
}

fn product_input_with(mut input: Value, key: &str, value: impl Into<Value>) -> Value {
    input[key] = value.into();
    input
}

#[tokio::test(flavor = "multi_thread")]
async fn every_input_error_names_its_field_and_writes_nothing() {
    let app = TestApp::spawn().await;
    let admin = app.register(CNPJ_A, "a@example.com").await;
    let events = app.event_count().await;
    let long = "x".repeat(31);
    let cases: Vec<(&str, Value, &str)> = vec![
        ("reference", json!(" "), "input.reference"),
        ("reference", json!(long), "input.reference"),
        ("name", json!(""), "input.name"),
        ("name", json!("n".repeat(121)), "input.name"),
        ("priceCents", json!(-1), "input.priceCents"),
        ("stockQuantity", json!(1.5), "input.stockQuantity"),
        ("stockQuantity", json!(-1), "input.stockQuantity"),
        ("minimumStock", json!(0.25), "input.minimumStock"),
        ("warrantyDays", json!(-3), "input.warrantyDays"),
        ("warrantyKm", json!(2_000_000), "input.warrantyKm"),
    ];
    for (key, value, field) in cases {
        let input = product_input_with(filter(), key, value);
        let response = app.op("CreateProduct", json!({ "input": input }), Some(&admin)).await;
        response.assert_error("BAD_USER_INPUT", Some(field));
    }
    // Litres take up to 3 decimals, not 4.
    let oil = product("OLEO", "Óleo", "L", 1.2345, 0.0);
    app.op("CreateProduct", json!({ "input": oil }), Some(&admin))
        .await
        .assert_error("BAD_USER_INPUT", Some("input.stockQuantity"));
    for (key, value, field) in [
        ("reference", json!(""), "input.reference"),
        ("name", json!("n".repeat(121)), "input.name"),
        ("priceCents", json!(-100), "input.priceCents"),
        ("estimatedMinutes", json!(0), "input.estimatedMinutes"),
    ] {
        let input = product_input_with(labour("MO-01", "Troca de óleo"), key, value);
        let response = app.op("CreateService", json!({ "input": input }), Some(&admin)).await;
        response.assert_error("BAD_USER_INPUT", Some(field));
    }
    assert_eq!(app.event_count().await, events, "nothing was written");
    assert!(products(&app, &admin, json!({})).await.is_empty());
    assert!(services(&app, &admin, "").await.is_empty());
}

#[tokio::test(flavor = "multi_thread")]
async fn references_are_unique_per_workshop() {
    let app = TestApp::spawn().await;
    let admin_a = app.register(CNPJ_A, "a@example.com").await;
    let admin_b = app.register(CNPJ_B, "b@example.com").await;
    create_product(&app, &admin_a, filter()).await;
    let other = create_product(&app, &admin_a, product("FLT-002", "Filtro de ar", "UN", 1.0, 0.0)).await;
    let duplicate = product("flt-001", "Outro filtro", "PC", 1.0, 0.0);
    app.op("CreateProduct", json!({ "input": duplicate.clone() }), Some(&admin_a))
        .await
        .assert_error("CONFLICT", Some("input.reference"));
    app.graphql(UPDATE_PRODUCT, json!({ "id": other, "input": duplicate.clone() }), Some(&admin_a))
        .await
        .assert_error("CONFLICT", Some("input.reference"));
    // Another workshop has its own references.
    create_product(&app, &admin_b, duplicate).await;

    create_service(&app, &admin_a, labour("MO-01", "Troca de óleo")).await;
    app.op("CreateService", json!({ "input": labour("mo-01", "Outra") }), Some(&admin_a))
        .await
        .assert_error("CONFLICT", Some("input.reference"));
    create_service(&app, &admin_b, labour("MO-01", "Troca de óleo")).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn editing_and_deactivating_record_events_and_never_delete() {
    let app = TestApp::spawn().await;
    let admin = app.register(CNPJ_A, "a@example.com").await;
    let id = create_product(&app, &admin, filter()).await;
    let edited = product_input_with(filter(), "name", "Filtro de óleo Tecfil");
    let updated = app.graphql(UPDATE_PRODUCT, json!({ "id": id, "input": edited }), Some(&admin)).await;
    assert_eq!(updated.data()["updateProduct"]["name"], "Filtro de óleo Tecfil");
    assert_eq!(products(&app, &admin, json!({ "search": "tecfil" })).await, ["FLT-001"]);

    let deactivated = app.graphql(DEACTIVATE_PRODUCT, json!({ "id": id }), Some(&admin)).await;
    assert_eq!(deactivated.data()["deactivateProduct"]["active"], false);
    let again = app.graphql(DEACTIVATE_PRODUCT, json!({ "id": id }), Some(&admin)).await;
    assert_eq!(again.data()["deactivateProduct"]["active"], false);
    assert!(products(&app, &admin, json!({})).await.is_empty(), "out of the list");
    let inactive = app
        .graphql(
            "{ products(includeInactive: true) { totalCount edges { node { reference } } } }",
            json!({}),
            Some(&admin),
        )
        .await;
    assert_eq!(inactive.data()["products"]["totalCount"], 1);
    let read = app.graphql(PRODUCT, json!({ "id": id }), Some(&admin)).await;
    assert_eq!(read.data()["product"]["active"], false, "still there");

    let service = create_service(&app, &admin, labour("MO-01", "Troca de óleo")).await;
    let input = labour("MO-01", "Troca de óleo e filtro");
    let updated = app.graphql(UPDATE_SERVICE, json!({ "id": service, "input": input }), Some(&admin)).await;
    assert_eq!(updated.data()["updateService"]["name"], "Troca de óleo e filtro");
    let deactivated = app.graphql(DEACTIVATE_SERVICE, json!({ "id": service }), Some(&admin)).await;
    assert_eq!(deactivated.data()["deactivateService"]["active"], false);
    assert!(services(&app, &admin, "").await.is_empty());
    let read = app.graphql(SERVICE, json!({ "id": service }), Some(&admin)).await;
    assert_eq!(read.data()["service"]["active"], false);

    let kinds = event_kinds(&app).await;
    let expected = [
        "product.created",
        "product.updated",
        "product.deactivated",
        "service.created",
        "service.updated",
        "service.deactivated",
    ];
    assert_eq!(kinds[kinds.len() - expected.len()..], expected, "one event per change, none for a repeat");
}

#[tokio::test(flavor = "multi_thread")]
async fn search_ignores_accents_and_finds_references_and_low_stock() {
    let app = TestApp::spawn().await;
    let admin = app.register(CNPJ_A, "a@example.com").await;
    create_product(&app, &admin, filter()).await;
    create_product(&app, &admin, product("PAST-DIANT", "Pastilha de freio dianteira", "JG", 1.0, 2.0)).await;
    create_product(&app, &admin, product("OLEO-5W30", "Óleo 5W30 sintético", "L", 4.5, 4.5)).await;
    create_product(&app, &admin, product("VELA-IGN", "Vela de ignição", "PC", 16.0, 8.0)).await;
    for (search, expected) in [
        ("oleo", vec!["FLT-001", "OLEO-5W30"]),
        ("ÓLEO sintetico", vec!["OLEO-5W30"]),
        ("ignicao", vec!["VELA-IGN"]),
        ("past-di", vec!["PAST-DIANT"]),
        ("5w3", vec!["OLEO-5W30"]),
        ("fl", vec!["FLT-001"]),
        ("nada", vec![]),
    ] {
        assert_eq!(products(&app, &admin, json!({ "search": search })).await, expected, "search {search:?}");
    }
    assert_eq!(
        products(&app, &admin, json!({ "lowStock": true })).await,
        ["OLEO-5W30", "PAST-DIANT"],
        "stock at or below the minimum"
    );
    assert_eq!(products(&app, &admin, json!({ "lowStock": true, "search": "freio" })).await, ["PAST-DIANT"]);
    let low = app
        .graphql(
            PRODUCT,
            json!({ "id": create_product(&app, &admin, product("X", "X", "UN", 0.0, 1.0)).await }),
            Some(&admin),
        )
        .await;
    assert_eq!(low.data()["product"]["lowStock"], true);

    create_service(&app, &admin, labour("MO-ALINH", "Alinhamento e balanceamento")).await;
    create_service(&app, &admin, labour("MO-REVISAO", "Revisão completa")).await;
    assert_eq!(services(&app, &admin, "revisao").await, ["MO-REVISAO"]);
    assert_eq!(services(&app, &admin, "mo-alin").await, ["MO-ALINH"]);
    assert_eq!(services(&app, &admin, "").await, ["MO-ALINH", "MO-REVISAO"]);
    let too_long = "a".repeat(101);
    app.op("Products", json!({ "search": too_long }), Some(&admin))
        .await
        .assert_error("BAD_USER_INPUT", Some("search"));
}

#[tokio::test(flavor = "multi_thread")]
async fn pagination_walks_every_product_once() {
    let app = TestApp::spawn().await;
    let admin = app.register(CNPJ_A, "a@example.com").await;
    for i in 0..7 {
        create_product(&app, &admin, product(&format!("P-{i}"), "Parafuso", "PC", 1.0, 0.0)).await;
    }
    let (mut seen, mut after) = (Vec::new(), Value::Null);
    loop {
        let query = "query($after: String) { products(first: 3, after: $after) { totalCount \
            pageInfo { hasNextPage endCursor } edges { node { reference } } } }";
        let page = app.graphql(query, json!({ "after": after }), Some(&admin)).await;
        let list = &page.data()["products"];
        assert_eq!(list["totalCount"], 7);
        seen.extend(list["edges"].as_array().unwrap().iter().map(|e| e["node"]["reference"].clone()));
        if list["pageInfo"]["hasNextPage"] != true {
            break;
        }
        after = list["pageInfo"]["endCursor"].clone();
    }
    let expected: Vec<Value> = (0..7).map(|i| json!(format!("P-{i}"))).collect();
    assert_eq!(seen, expected, "ties in name break by id");
}

#[tokio::test(flavor = "multi_thread")]
async fn another_workshops_ids_are_not_found() {
    let app = TestApp::spawn().await;
    let admin_a = app.register(CNPJ_A, "a@example.com").await;
    let admin_b = app.register(CNPJ_B, "b@example.com").await;
    let theirs = create_product(&app, &admin_b, filter()).await;
    let their_service = create_service(&app, &admin_b, labour("MO-01", "Troca de óleo")).await;
    let events = app.event_count().await;
    for id in [theirs.as_str(), "garbage"] {
        app.graphql(PRODUCT, json!({ "id": id }), Some(&admin_a)).await.assert_error("NOT_FOUND", None);
        app.graphql(UPDATE_PRODUCT, json!({ "id": id, "input": filter() }), Some(&admin_a))
            .await
            .assert_error("NOT_FOUND", None);
        app.graphql(DEACTIVATE_PRODUCT, json!({ "id": id }), Some(&admin_a))
            .await
            .assert_error("NOT_FOUND", None);
    }
    app.graphql(SERVICE, json!({ "id": their_service }), Some(&admin_a))
        .await
        .assert_error("NOT_FOUND", None);
    app.graphql(
        UPDATE_SERVICE,
        json!({ "id": their_service, "input": labour("MO-02", "X") }),
        Some(&admin_a),
    )
    .await
    .assert_error("NOT_FOUND", None);
    app.graphql(DEACTIVATE_SERVICE, json!({ "id": their_service }), Some(&admin_a))
        .await
        .assert_error("NOT_FOUND", None);
    assert_eq!(app.event_count().await, events, "nothing changed");
    assert!(products(&app, &admin_a, json!({})).await.is_empty());
    assert!(services(&app, &admin_a, "").await.is_empty());
    let still = app.graphql(PRODUCT, json!({ "id": theirs }), Some(&admin_b)).await;
    assert_eq!(still.data()["product"]["active"], true);
}

/// Each catalog operation as each role: ADMIN and OPERATOR everything, MECHANIC reads.
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
    let mechanic = app.add_staff(&admin, "mecanico@demo.oficina.app", "MECHANIC").await;
    let roles = [
        ("ADMIN", Some(admin.clone())),
        ("OPERATOR", Some(demo("operador@demo.oficina.app").await)),
        ("MECHANIC", Some(mechanic)),
        ("CUSTOMER", Some(demo("cliente@demo.oficina.app").await)),
        ("PARTNER", Some(demo("parceiro@demo.oficina.app").await)),
        ("ANONYMOUS", None),
    ];
    for (role, token) in &roles {
        let token = token.as_deref();
        let product_id =
            create_product(&app, &admin, product(&format!("R-{role}"), "Peça", "UN", 1.0, 0.0)).await;
        let service_id = create_service(&app, &admin, labour(&format!("S-{role}"), "Serviço")).await;
        let reads = [
            app.op("Products", json!({}), token).await,
            app.graphql(PRODUCT, json!({ "id": product_id }), token).await,
            app.graphql(SERVICES, json!({}), token).await,
            app.graphql(SERVICE, json!({ "id": service_id }), token).await,
        ];
        let writes = [
            app.op("CreateProduct", json!({ "input": product(&format!("N-{role}"), "Nova", "UN", 1.0, 0.0) }), token)
                .await,
            app.graphql(UPDATE_PRODUCT, json!({ "id": product_id, "input": product(&format!("R-{role}"), "Editada", "UN", 2.0, 0.0) }), token)
                .await,
            app.graphql(DEACTIVATE_PRODUCT, json!({ "id": product_id }), token).await,
            app.op("CreateService", json!({ "input": labour(&format!("M-{role}"), "Novo") }), token).await,
            app.graphql(UPDATE_SERVICE, json!({ "id": service_id, "input": labour(&format!("S-{role}"), "Editado") }), token)
                .await,
            app.graphql(DEACTIVATE_SERVICE, json!({ "id": service_id }), token).await,
        ];
        let (can_read, can_write) = match *role {
            "ADMIN" | "OPERATOR" => (true, true),
            "MECHANIC" => (true, false),
            _ => (false, false),
        };
        let denied = if *role == "ANONYMOUS" { "UNAUTHENTICATED" } else { "FORBIDDEN" };
        for response in reads.iter().filter(|_| can_read) {
            response.data();
        }
        for response in reads.iter().filter(|_| !can_read) {
            response.assert_error(denied, None);
        }
        for response in &writes {
            if can_write {
                response.data();
            } else {
                response.assert_error(denied, None);
            }
        }
    }
}

/// A page of products or services costs the same number of statements whatever its size.
#[tokio::test(flavor = "multi_thread")]
async fn listing_the_catalog_does_not_grow_queries_with_the_page() {
    let app = TestApp::counting_statements().await;
    let admin = app.register(CNPJ_A, "a@example.com").await;
    let lists = [
        "{ products(first: 50) { totalCount edges { node { id reference name unit priceCents stockQuantity minimumStock lowStock } } } }",
        "{ services(first: 50) { totalCount edges { node { id reference name priceCents estimatedMinutes } } } }",
    ];
    let count = |query: &'static str| {
        app.fewest_statements(query, json!({}), &admin, |r| {
            r.data();
        })
    };
    create_product(&app, &admin, filter()).await;
    create_service(&app, &admin, labour("MO-0", "Serviço 0")).await;
    let with_one = (count(lists[0]).await, count(lists[1]).await);
    for i in 1..8 {
        create_product(&app, &admin, product(&format!("P-{i}"), "Peça", "UN", 1.0, 0.0)).await;
        create_service(&app, &admin, labour(&format!("MO-{i}"), "Serviço")).await;
    }
    assert_eq!((count(lists[0]).await, count(lists[1]).await), with_one);
}

#[tokio::test(flavor = "multi_thread")]
async fn the_demo_workshop_has_a_catalog() {
    let app = TestApp::spawn_with(Options { demo: true, ..Options::default() }).await;
    let signed_in = app
        .op("SignIn", json!({ "email": "admin@demo.oficina.app", "password": "oficina-demo" }), None)
        .await;
    let admin = signed_in.data()["signIn"]["token"].as_str().unwrap().to_owned();
    let parts = products(&app, &admin, json!({ "first": 100 })).await;
    assert_eq!(parts.len(), 15);
    assert!(!products(&app, &admin, json!({ "lowStock": true })).await.is_empty(), "some parts run low");
    assert_eq!(products(&app, &admin, json!({ "search": "oleo 5w30" })).await, ["OLEO-5W30"]);
    assert_eq!(services(&app, &admin, "alinhamento").await, ["MO-ALINH-BAL"]);
    let all = app.graphql(SERVICES, json!({}), Some(&admin)).await;
    assert_eq!(all.data()["services"]["totalCount"], 8);
}
