//! What one request may ask for: depth, cost, aliases, directives, root mutations, body size and
//! introspection. A refused request runs no SQL at all.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use serde_json::{Value, json};

use crate::helpers::{CNPJ_A, Options, TestApp, contract};
use crate::schema::IMPLEMENTED;

/// Posts `query` as the holder of `token`; asserts it was refused as over a limit and that no
/// SQL statement ran for it.
async fn assert_refused(app: &TestApp, query: &str, token: Option<&str>, message: &str) {
    let before = app.state.db.query_count();
    let response = app.graphql(query, json!({}), token).await;
    assert_eq!(app.state.db.query_count() - before, 0, "a refused request runs no SQL");
    response.assert_error("BAD_USER_INPUT", Some("query"));
    assert!(response.body.get("data").is_none_or(Value::is_null), "{:#}", response.body);
    let text = response.body["errors"][0]["message"].as_str().unwrap();
    assert!(text.contains(message), "{text}");
}

/// `customer(id) { vehicles { customer { vehicles { … } } } }`, `levels` vehicles deep.
fn cycle(levels: usize) -> String {
    let mut inner = "id".to_owned();
    for _ in 0..levels {
        inner = format!("vehicles {{ plate customer {{ name {inner} }} }}");
    }
    format!("{{ customer(id: \"1\") {{ {inner} }} }}")
}

#[tokio::test(flavor = "multi_thread")]
async fn a_deep_query_on_the_customer_vehicle_cycle_is_refused() {
    let app = TestApp::spawn().await;
    let admin = app.register(CNPJ_A, "a@example.com").await;
    assert_refused(&app, &cycle(15), Some(&admin), "níveis de profundidade").await;
    // Past async-graphql's own nesting guard, and past the parser's stack, the answer is the same.
    assert_refused(&app, &cycle(40), Some(&admin), "níveis de profundidade").await;
    assert_refused(&app, &cycle(5000), Some(&admin), "níveis de profundidade").await;
    // Within the limit the same shape runs (and finds no such customer).
    app.graphql(&cycle(5), json!({}), Some(&admin)).await.assert_error("NOT_FOUND", None);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_syntax_error_is_answered_in_a_few_words_with_its_place() {
    let app = TestApp::spawn().await;
    let long_line = format!("{{ {} }}", "__typename ".repeat(50_000)) + " }";
    assert_refused(&app, &long_line, None, "Erro de sintaxe na consulta").await;
    let response = app.graphql(&long_line, json!({}), None).await;
    let error = &response.body["errors"][0];
    assert!(error["message"].as_str().unwrap().len() < 300, "{error}");
    assert_eq!(error["locations"][0]["line"], 1, "{error}");
}

#[tokio::test(flavor = "multi_thread")]
async fn lists_cost_their_page_size() {
    let app = TestApp::spawn().await;
    let admin = app.register(CNPJ_A, "a@example.com").await;
    let orders = "serviceOrders(first: 100) { edges { node { id number status finalCents createdAt } } }";
    let costly = format!("{{ customers(first: 100) {{ edges {{ node {{ id {orders} }} }} }} }}");
    assert_refused(&app, &costly, Some(&admin), "dados demais").await;
    let by_variable = format!(
        "query($n: Int) {{ customers(first: $n) {{ edges {{ node {{ id {} }} }} }} }}",
        orders.replace("first: 100", "first: $n")
    );
    let before = app.state.db.query_count();
    let response = app.graphql(&by_variable, json!({ "n": 100 }), Some(&admin)).await;
    assert_eq!(app.state.db.query_count() - before, 0);
    response.assert_error("BAD_USER_INPUT", Some("query"));
    let small = app.graphql(&by_variable, json!({ "n": 5 }), Some(&admin)).await;
    small.data();
}

#[tokio::test(flavor = "multi_thread")]
async fn aliases_and_directives_are_limited() {
    let app = TestApp::spawn().await;
    let aliases: String = (0..31).map(|i| format!("a{i}: __typename ")).collect();
    assert_refused(&app, &format!("{{ {aliases} }}"), None, "apelidos").await;
    let aliases: String = (0..30).map(|i| format!("a{i}: __typename ")).collect();
    app.graphql(&format!("{{ {aliases} }}"), json!({}), None).await.data();
    let directives: String = (0..21).map(|i| format!("a{i}: __typename @include(if: true) ")).collect();
    assert_refused(&app, &format!("{{ {directives} }}"), None, "diretivas").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_thousand_aliased_mutations_are_refused_before_any_runs() {
    let app = TestApp::spawn().await;
    app.register(CNPJ_A, "a@example.com").await;
    let resets: String =
        (0..1000).map(|i| format!("r{i}: requestPasswordReset(email: \"a@example.com\") ")).collect();
    assert_refused(&app, &format!("mutation {{ {resets} }}"), None, "mutações").await;
    let sign_ins: String = (0..1000)
        .map(|i| format!("s{i}: signIn(email: \"a@example.com\", password: \"x\") {{ token }} "))
        .collect();
    assert_refused(&app, &format!("mutation {{ {sign_ins} }}"), None, "mutações").await;
    // Fragments count too, each spread at the root.
    let through_fragments = "mutation { ...A ...B } \
        fragment A on Mutation { a: signOut b: signOut c: signOut } \
        fragment B on Mutation { d: signOut e: signOut f: signOut }";
    assert_refused(&app, through_fragments, None, "mutações").await;
    assert!(app.mail_log().is_empty());
}

/// Every operation the contract and the web app send stays within the limits, with the
/// largest page.
#[tokio::test(flavor = "multi_thread")]
async fn the_clients_operations_stay_within_the_limits() {
    let app = TestApp::spawn().await;
    let operations = contract::all_operations();
    let mut documents: Vec<(String, String)> =
        operations.into_iter().filter(|(name, _)| IMPLEMENTED.contains(&name.as_str())).collect();
    let web = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../web/graphql");
    for entry in std::fs::read_dir(&web).unwrap() {
        let path = entry.unwrap().path();
        documents.push((path.display().to_string(), std::fs::read_to_string(&path).unwrap()));
    }
    assert!(documents.len() > IMPLEMENTED.len());
    for (name, document) in documents {
        let response = app.graphql(&document, json!({ "first": 100, "days": 30 }), None).await;
        let refused = response.body["errors"]
            .as_array()
            .into_iter()
            .flatten()
            .any(|e| e["extensions"]["field"] == "query");
        assert!(!refused, "{name} is over a limit: {:#}", response.body);
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_body_over_one_mebibyte_is_413_and_runs_nothing() {
    let app = TestApp::spawn().await;
    let padding = " ".repeat(20 * 1024 * 1024);
    let body = format!("{{\"query\": \"{{ __typename }}\"{padding}}}");
    let before = app.state.db.query_count();
    let request = Request::post("/graphql").header(header::CONTENT_TYPE, "application/json");
    let response = app.send(request.body(Body::from(body)).unwrap()).await;
    assert_eq!(response.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(app.state.db.query_count() - before, 0);
    // Just under the limit is read.
    let body = format!("{{\"query\": \"{{ __typename }}\"{}}}", " ".repeat(1000 * 1024));
    let request = Request::post("/graphql").header(header::CONTENT_TYPE, "application/json");
    let response = app.send(request.body(Body::from(body)).unwrap()).await;
    assert_eq!(response.status, StatusCode::OK);
    assert_eq!(response.data()["__typename"], "Query");
}

/// The shape of graphql-js's introspection query (GraphiQL's, code generators'): `ofType` nine deep.
fn introspection_query() -> String {
    let mut type_ref = "kind name".to_owned();
    for _ in 0..9 {
        type_ref = format!("kind name ofType {{ {type_ref} }}");
    }
    format!(
        "{{ __schema {{ queryType {{ name }} types {{ ...FullType }} }} }}
        fragment FullType on __Type {{ kind name
            fields(includeDeprecated: true) {{ name args {{ name type {{ ...TypeRef }} }} type {{ ...TypeRef }} }}
            inputFields {{ name type {{ ...TypeRef }} }} }}
        fragment TypeRef on __Type {{ {type_ref} }}"
    )
}

#[tokio::test(flavor = "multi_thread")]
async fn the_standard_introspection_query_is_within_the_limits_but_deep_introspection_is_not() {
    let app = TestApp::spawn().await;
    let response = app.graphql(&introspection_query(), json!({}), None).await;
    assert_eq!(response.data()["__schema"]["queryType"]["name"], "Query");
    // The fields of the types of fields, and so on: each level multiplies the answer.
    let mut fan_out = "name".to_owned();
    for _ in 0..6 {
        fan_out = format!("fields {{ name type {{ {fan_out} }} }}");
    }
    let deep = format!("{{ __schema {{ types {{ {fan_out} }} }} }}");
    assert_refused(&app, &deep, None, "níveis de profundidade").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn introspection_is_on_unless_turned_off() {
    let query = "{ __schema { queryType { name } } }";
    let on = TestApp::spawn().await;
    assert_eq!(on.graphql(query, json!({}), None).await.data()["__schema"]["queryType"]["name"], "Query");
    let off = TestApp::spawn_with(Options { no_introspection: true, ..Options::default() }).await;
    assert!(off.graphql(query, json!({}), None).await.data()["__schema"].is_null());
}

#[tokio::test(flavor = "multi_thread")]
async fn free_text_arguments_have_a_length_cap() {
    let app = TestApp::spawn().await;
    let admin = app.register(CNPJ_A, "a@example.com").await;
    let search = |term: String| app.op("Customers", json!({ "search": term, "first": 10 }), Some(&admin));
    let before = app.state.db.query_count();
    search(["ab"; 200].join(" ")).await.assert_error("BAD_USER_INPUT", Some("search"));
    search("a".repeat(101)).await.assert_error("BAD_USER_INPUT", Some("search"));
    // Only the session lookups ran: no search was built.
    assert_eq!(app.state.db.query_count() - before, 2);
    search(["ab"; 8].join(" ")).await.data();
    let catalog = "query($brand: String) { vehicleCatalog(brand: $brand) { brand } }";
    let long_brand = app.graphql(catalog, json!({ "brand": "x".repeat(61) }), Some(&admin)).await;
    long_brand.assert_error("BAD_USER_INPUT", Some("brand"));
    let address = json!({ "kind": "HOME", "street": "Rua A", "number": "10", "district": "Centro",
        "complement": "x".repeat(161), "city": "São Paulo", "state": "SP", "cep": "01001-000" });
    let input = json!({ "name": "Maria Silva", "document": "529.982.247-25", "addresses": [address] });
    let created = app.op("CreateCustomer", json!({ "input": input }), Some(&admin)).await;
    created.assert_error("BAD_USER_INPUT", Some("input.addresses.0.complement"));
    let input = json!({ "name": "Maria Silva", "document": "529.982.247-25" });
    let created = app.op("CreateCustomer", json!({ "input": input }), Some(&admin)).await;
    let id = created.data()["createCustomer"]["id"].as_str().unwrap().to_owned();
    let vehicle = json!({ "customerId": id, "plate": "BRA2E19", "kind": "CAR", "brand": "Fiat",
        "model": "Argo", "year": 2021, "color": "x".repeat(61) });
    let response = app.op("CreateVehicle", json!({ "input": vehicle }), Some(&admin)).await;
    response.assert_error("BAD_USER_INPUT", Some("input.color"));
}

#[tokio::test]
async fn a_malformed_argument_is_bad_user_input_on_its_field_and_an_invalid_document_is_coded() {
    let app = TestApp::spawn().await;
    let slots = "query($d: Date!) { availableSlots(date: $d) { startsAt } }";
    for date in [json!("2026-13-01"), json!("ontem"), json!(3)] {
        let response = app.graphql(slots, json!({ "d": date }), None).await;
        response.assert_error("BAD_USER_INPUT", Some("availableSlots"));
    }
    let literal = app.graphql("{ availableSlots(date: \"2026-02-30\") { startsAt } }", json!({}), None).await;
    literal.assert_error("BAD_USER_INPUT", Some("availableSlots"));
    let unknown = app.graphql("{ availableSlots(dat: \"2026-01-01\") { startsAt } }", json!({}), None).await;
    assert_eq!(unknown.code(), "GRAPHQL_VALIDATION_FAILED", "{:#}", unknown.body);
}
