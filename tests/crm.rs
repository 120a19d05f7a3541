//! The CRM core: customers and vehicles (contract: crm.graphql).

use serde_json::{Value, json};

use crate::helpers::{CNPJ_A, CNPJ_B, Options, TestApp};

/// The contract's example customer.
fn maria() -> Value {
    json!({
        "name": "Maria Silva", "document": "529.982.247-25", "birthDate": "1990-04-12",
        "emails": ["Maria@Example.com"], "phones": [{"ddd": "11", "number": "987654321", "kind": "MOBILE"}],
        "addresses": [{"kind": "HOME", "street": "Rua A", "number": "10", "district": "Centro",
            "city": "São Paulo", "state": "SP", "cep": "01001-000"}],
        "marketingConsent": true
    })
}

fn person(name: &str, cpf: &str) -> Value {
    json!({ "name": name, "document": cpf })
}

/// Valid CPFs for tests.
const CPFS: [&str; 6] = [
    "529.982.247-25",
    "111.444.777-35",
    "390.533.447-05",
    "876.555.437-04",
    "714.602.380-01",
    "123.456.789-09",
];

async fn create_customer(app: &TestApp, token: &str, input: Value) -> String {
    let response = app.op("CreateCustomer", json!({ "input": input }), Some(token)).await;
    response.data()["createCustomer"]["id"].as_str().unwrap().to_owned()
}

async fn create_vehicle(app: &TestApp, token: &str, customer_id: &str, plate: &str) -> String {
    let input = json!({ "customerId": customer_id, "plate": plate, "kind": "CAR", "brand": "Fiat",
        "model": "Argo", "year": 2021, "fuel": "FLEX", "doors": 4, "odometerKm": 35000 });
    let response = app.op("CreateVehicle", json!({ "input": input }), Some(token)).await;
    response.data()["createVehicle"]["id"].as_str().unwrap().to_owned()
}

async fn search(app: &TestApp, token: &str, term: &str) -> Vec<String> {
    let response = app.op("Customers", json!({ "search": term, "first": 50 }), Some(token)).await;
    response.data()["customers"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["name"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn creating_a_customer_normalizes_and_records_everything() {
    let app = TestApp::spawn().await;
    let admin = app.register(CNPJ_A, "a@example.com").await;
    let events = app.event_count().await;
    let response = app.op("CreateCustomer", json!({ "input": maria() }), Some(&admin)).await;
    let customer = &response.data()["createCustomer"];
    assert_eq!(customer["kind"], "PERSON");
    assert_eq!(customer["document"], "529.982.247-25");
    assert_eq!(customer["birthDate"], "1990-04-12");
    assert_eq!(customer["emails"], json!(["maria@example.com"]));
    assert_eq!(customer["phones"], json!([{"ddd": "11", "number": "987654321", "kind": "MOBILE"}]));
    assert_eq!(customer["addresses"][0]["cep"], "01001-000");
    assert_eq!(customer["addresses"][0]["state"], "SP");
    assert_eq!(app.event_count().await, events + 1, "customer.created");

    let company = json!({ "name": "Transportes Ltda", "document": CNPJ_B });
    let response = app.op("CreateCustomer", json!({ "input": company }), Some(&admin)).await;
    assert_eq!(response.data()["createCustomer"]["kind"], "COMPANY");
    assert_eq!(response.data()["createCustomer"]["document"], "12.ABC.345/01DE-35");
}

#[tokio::test(flavor = "multi_thread")]
async fn every_input_error_names_its_field_and_writes_nothing() {
    let app = TestApp::spawn().await;
    let admin = app.register(CNPJ_A, "a@example.com").await;
    let events = app.event_count().await;
    let cases: Vec<(&str, Value, &str)> = vec![
        ("name", json!(" "), "input.name"),
        ("document", json!("529.982.247-24"), "input.document"),
        ("document", json!("1234"), "input.document"),
        ("birthDate", json!("2999-01-01"), "input.birthDate"),
        ("emails", json!(["ok@example.com", "not-an-email"]), "input.emails.1"),
        ("phones", json!([{"ddd": "1", "number": "987654321", "kind": "MOBILE"}]), "input.phones.0.ddd"),
        (
            "phones",
            json!([{"ddd": "11", "number": "33334444", "kind": "HOME"}, {"ddd": "11", "number": "123", "kind": "WORK"}]),
            "input.phones.1.number",
        ),
        (
            "addresses",
            json!([maria()["addresses"][0], {"kind": "WORK", "street": "Rua B", "number": "1", "district": "Centro", "city": "Rio", "state": "RJ", "cep": "123"}]),
            "input.addresses.1.cep",
        ),
        (
            "addresses",
            json!([{"kind": "WORK", "street": "Rua B", "number": "1", "district": "Centro", "city": "Rio", "state": "XX", "cep": "20000-000"}]),
            "input.addresses.0.state",
        ),
        (
            "addresses",
            json!([{"kind": "WORK", "street": "", "number": "1", "district": "Centro", "city": "Rio", "state": "RJ", "cep": "20000-000"}]),
            "input.addresses.0.street",
        ),
    ];
    for (key, value, field) in cases {
        let mut input = maria();
        input[key] = value;
        let response = app.op("CreateCustomer", json!({ "input": input }), Some(&admin)).await;
        response.assert_error("BAD_USER_INPUT", Some(field));
    }
    assert_eq!(app.event_count().await, events, "nothing was written");
    assert_eq!(search(&app, &admin, "").await.len(), 0);
}

#[tokio::test(flavor = "multi_thread")]
async fn documents_are_unique_per_workshop() {
    let app = TestApp::spawn().await;
    let admin_a = app.register(CNPJ_A, "a@example.com").await;
    let admin_b = app.register(CNPJ_B, "b@example.com").await;
    create_customer(&app, &admin_a, maria()).await;
    let duplicate =
        app.op("CreateCustomer", json!({ "input": person("Outra", "52998224725") }), Some(&admin_a)).await;
    duplicate.assert_error("CONFLICT", Some("input.document"));
    // The same document in another workshop is another customer.
    create_customer(&app, &admin_b, maria()).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn updating_a_customer_replaces_data_and_records_what_changed() {
    let app = TestApp::spawn().await;
    let admin = app.register(CNPJ_A, "a@example.com").await;
    let maria_id = create_customer(&app, &admin, maria()).await;
    create_customer(&app, &admin, person("João", CPFS[1])).await;
    let mut input = maria();
    input["name"] = json!("Maria Souza");
    input["phones"] = json!([{"ddd": "21", "number": "33334444", "kind": "HOME"}, {"ddd": "21", "number": "987650000", "kind": "WHATSAPP"}]);
    let updated = app.op("UpdateCustomer", json!({ "id": maria_id, "input": input }), Some(&admin)).await;
    assert_eq!(updated.data()["updateCustomer"]["name"], "Maria Souza");
    let full = app
        .graphql(
            "query($id: ID!) { customer(id: $id) { phones { number } } }",
            json!({ "id": maria_id }),
            Some(&admin),
        )
        .await;
    assert_eq!(full.data()["customer"]["phones"], json!([{"number": "33334444"}, {"number": "987650000"}]));
    assert_eq!(search(&app, &admin, "souza").await, ["Maria Souza"]);
    assert!(search(&app, &admin, "987654321").await.is_empty(), "the old phone is gone from the index");

    let mut taken = maria();
    taken["document"] = json!(CPFS[1]);
    let conflict = app.op("UpdateCustomer", json!({ "id": maria_id, "input": taken }), Some(&admin)).await;
    conflict.assert_error("CONFLICT", Some("input.document"));
    let bad =
        app.op("UpdateCustomer", json!({ "id": maria_id, "input": person("", CPFS[0]) }), Some(&admin)).await;
    bad.assert_error("BAD_USER_INPUT", Some("input.name"));
}

#[tokio::test(flavor = "multi_thread")]
async fn one_search_box_finds_by_name_document_email_phone_and_plate() {
    let app = TestApp::spawn().await;
    let admin = app.register(CNPJ_A, "a@example.com").await;
    let joao = json!({ "name": "João da Conceição", "document": CPFS[1], "emails": ["joao.c@oficina.example"],
        "phones": [{"ddd": "31", "number": "99887-7665", "kind": "MOBILE"}] });
    let joao_id = create_customer(&app, &admin, joao).await;
    create_customer(&app, &admin, maria()).await;
    create_customer(&app, &admin, json!({ "name": "Transportes Ltda", "document": CNPJ_B })).await;
    create_vehicle(&app, &admin, &joao_id, "BRA2E19").await;

    for (term, expected) in [
        ("joao", vec!["João da Conceição"]),
        ("JOÃO conceicao", vec!["João da Conceição"]),
        ("111.444.777-35", vec!["João da Conceição"]),
        ("11144477735", vec!["João da Conceição"]),
        ("444.777", vec!["João da Conceição"]),
        ("joao.c@oficina", vec!["João da Conceição"]),
        ("99887", vec!["João da Conceição"]),
        ("(31) 99887-7665", vec!["João da Conceição"]),
        ("2E1", vec!["João da Conceição"]),
        ("bra2e19", vec!["João da Conceição"]),
        ("12.ABC", vec!["Transportes Ltda"]),
        ("silva", vec!["Maria Silva"]),
        ("ninguém", vec![]),
        ("", vec!["João da Conceição", "Maria Silva", "Transportes Ltda"]),
    ] {
        assert_eq!(search(&app, &admin, term).await, expected, "search {term:?}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn pagination_walks_every_customer_once_in_name_order() {
    let app = TestApp::spawn().await;
    let admin = app.register(CNPJ_A, "a@example.com").await;
    // 25 customers with names that sort with ties broken by id.
    let mut cpf_seed = 100_000_000u64;
    for i in 0..25 {
        let cpf = loop {
            cpf_seed += 1;
            if let Some(cpf) = cpf_with_check_digits(cpf_seed) {
                break cpf;
            }
        };
        create_customer(&app, &admin, person(&format!("Cliente {:02}", i % 12), &cpf)).await;
    }
    let mut seen: Vec<(String, String)> = Vec::new();
    let mut after: Option<String> = None;
    loop {
        let response = app
            .op("Customers", json!({ "search": "cliente", "first": 10, "after": after }), Some(&admin))
            .await;
        let page = &response.data()["customers"];
        assert_eq!(page["totalCount"], 25);
        for edge in page["edges"].as_array().unwrap() {
            seen.push((
                edge["node"]["name"].as_str().unwrap().into(),
                edge["node"]["id"].as_str().unwrap().into(),
            ));
        }
        if page["pageInfo"]["hasNextPage"] == false {
            break;
        }
        after = Some(page["pageInfo"]["endCursor"].as_str().unwrap().to_owned());
    }
    assert_eq!(seen.len(), 25);
    let mut ids: Vec<&String> = seen.iter().map(|(_, id)| id).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 25, "no duplicates");
    let names: Vec<&String> = seen.iter().map(|(name, _)| name).collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted, "name order");

    let bad = app.op("Customers", json!({ "first": 0 }), Some(&admin)).await;
    bad.assert_error("BAD_USER_INPUT", Some("first"));
    let bad = app.op("Customers", json!({ "after": "not a cursor" }), Some(&admin)).await;
    bad.assert_error("BAD_USER_INPUT", Some("after"));
}

/// A CPF built from 9 digits and its two check digits, if valid.
fn cpf_with_check_digits(base: u64) -> Option<String> {
    let digits: Vec<u32> = format!("{base:09}").chars().map(|c| c.to_digit(10).unwrap()).collect();
    let check = |d: &[u32]| {
        let sum: u32 = d.iter().zip((2..=d.len() as u32 + 1).rev()).map(|(a, w)| a * w).sum();
        if sum % 11 < 2 { 0 } else { 11 - sum % 11 }
    };
    let mut all = digits.clone();
    all.push(check(&all));
    all.push(check(&all));
    let text: String = all.iter().map(|d| char::from_digit(*d, 10).unwrap()).collect();
    oficina_domain::types::Cpf::parse(&text).ok().map(|_| text)
}

#[tokio::test(flavor = "multi_thread")]
async fn vehicles_validate_normalize_and_learn_the_catalog() {
    let app = TestApp::spawn().await;
    let admin = app.register(CNPJ_A, "a@example.com").await;
    let maria_id = create_customer(&app, &admin, maria()).await;
    let input = json!({ "customerId": maria_id, "plate": "BRA2E19", "kind": "CAR", "brand": "fiat",
        "model": "Argo", "year": 2021, "fuel": "FLEX", "doors": 4, "odometerKm": 35000 });
    let created = app.op("CreateVehicle", json!({ "input": input }), Some(&admin)).await;
    let vehicle = &created.data()["createVehicle"];
    assert_eq!((vehicle["plate"].as_str(), vehicle["brand"].as_str()), (Some("BRA2E19"), Some("Fiat")));
    assert_eq!(vehicle["customer"]["id"], maria_id.as_str());

    let old_plate = json!({ "customerId": maria_id, "plate": "abc-1234", "kind": "MOTORCYCLE", "brand": "Honda", "model": "CG 160", "year": 2019 });
    let created = app.op("CreateVehicle", json!({ "input": old_plate }), Some(&admin)).await;
    assert_eq!(created.data()["createVehicle"]["plate"], "ABC1234");

    let custom = json!({ "customerId": maria_id, "plate": "XYZ9A87", "kind": "CAR", "brand": "Gurgel", "model": "BR-800", "year": 1990 });
    app.op("CreateVehicle", json!({ "input": custom }), Some(&admin)).await.data();
    let catalog = app
        .graphql(r#"{ vehicleCatalog(kind: CAR, brand: "Gurgel") { model } }"#, json!({}), Some(&admin))
        .await;
    assert_eq!(catalog.data()["vehicleCatalog"], json!([{ "model": "BR-800" }]));
    let seeded = app
        .graphql(r#"{ vehicleCatalog(kind: CAR, brand: "Fiat") { model } }"#, json!({}), Some(&admin))
        .await;
    assert!(seeded.data()["vehicleCatalog"].as_array().unwrap().len() > 5);

    for (key, value, code, field) in [
        ("plate", json!("AB-12"), "BAD_USER_INPUT", "input.plate"),
        ("plate", json!("bra-2e19"), "CONFLICT", "input.plate"),
        ("year", json!(1949), "BAD_USER_INPUT", "input.year"),
        ("year", json!(2200), "BAD_USER_INPUT", "input.year"),
        ("brand", json!(""), "BAD_USER_INPUT", "input.brand"),
        ("doors", json!(9), "BAD_USER_INPUT", "input.doors"),
        ("odometerKm", json!(-1), "BAD_USER_INPUT", "input.odometerKm"),
    ] {
        let mut bad = input.clone();
        bad[key] = value;
        app.op("CreateVehicle", json!({ "input": bad }), Some(&admin)).await.assert_error(code, Some(field));
    }
    let by_plate = app.op("VehicleByPlate", json!({ "plate": "bra-2e19" }), Some(&admin)).await;
    assert_eq!(by_plate.data()["vehicleByPlate"]["customer"]["name"], "Maria Silva");
    let none = app.op("VehicleByPlate", json!({ "plate": "ZZZ9999" }), Some(&admin)).await;
    assert!(none.data()["vehicleByPlate"].is_null());
    app.op("VehicleByPlate", json!({ "plate": "??" }), Some(&admin))
        .await
        .assert_error("BAD_USER_INPUT", Some("plate"));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_sold_vehicle_moves_to_its_new_owner() {
    let app = TestApp::spawn().await;
    let admin = app.register(CNPJ_A, "a@example.com").await;
    let maria_id = create_customer(&app, &admin, maria()).await;
    let joao_id = create_customer(&app, &admin, person("João", CPFS[1])).await;
    let vehicle_id = create_vehicle(&app, &admin, &maria_id, "BRA2E19").await;
    let events = app.event_count().await;
    let transfer = json!({ "customerId": joao_id, "plate": "BRA2E19", "kind": "CAR", "brand": "Fiat",
        "model": "Argo", "year": 2021, "fuel": "FLEX", "doors": 4, "odometerKm": 41000 });
    let moved = app
        .graphql(
            "mutation($id: ID!, $input: VehicleInput!) { updateVehicle(id: $id, input: $input) { id customer { name } odometerKm } }",
            json!({ "id": vehicle_id, "input": transfer }),
            Some(&admin),
        )
        .await;
    assert_eq!(moved.data()["updateVehicle"]["customer"]["name"], "João");
    assert_eq!(
        moved.data()["updateVehicle"]["id"],
        vehicle_id.as_str(),
        "the same vehicle, with its history"
    );
    assert_eq!(app.event_count().await, events + 1, "vehicle.transferred");
    assert_eq!(search(&app, &admin, "2E19").await, ["João"]);
    let maria = app.op("Customer", json!({ "id": maria_id }), Some(&admin)).await;
    assert_eq!(maria.data()["customer"]["vehicles"], json!([]));
}

#[tokio::test(flavor = "multi_thread")]
async fn the_360_view_has_vehicles_and_visit_figures() {
    let app = TestApp::spawn().await;
    let admin = app.register(CNPJ_A, "a@example.com").await;
    let maria_id = create_customer(&app, &admin, maria()).await;
    create_vehicle(&app, &admin, &maria_id, "BRA2E19").await;
    let response = app.op("Customer", json!({ "id": maria_id }), Some(&admin)).await;
    let customer = &response.data()["customer"];
    assert_eq!(customer["vehicles"][0]["plate"], "BRA2E19");
    assert_eq!((customer["totalSpentCents"].as_i64(), customer["visitCount"].as_i64()), (Some(0), Some(0)));
    assert!(customer["lastVisitAt"].is_null());
    assert_eq!(customer["serviceOrders"]["totalCount"], 0);
    let inactive = app.op("InactiveCustomers", json!({ "days": 180 }), Some(&admin)).await;
    assert_eq!(
        inactive.data()["inactiveCustomers"]["totalCount"],
        0,
        "nobody has finished service orders yet"
    );
    app.op("InactiveCustomers", json!({ "days": 0 }), Some(&admin))
        .await
        .assert_error("BAD_USER_INPUT", Some("days"));
}

#[tokio::test(flavor = "multi_thread")]
async fn another_workshops_ids_are_not_found() {
    let app = TestApp::spawn().await;
    let admin_a = app.register(CNPJ_A, "a@example.com").await;
    let admin_b = app.register(CNPJ_B, "b@example.com").await;
    let theirs = create_customer(&app, &admin_b, maria()).await;
    let their_vehicle = create_vehicle(&app, &admin_b, &theirs, "BRA2E19").await;
    app.op("Customer", json!({ "id": theirs }), Some(&admin_a)).await.assert_error("NOT_FOUND", None);
    app.op("Customer", json!({ "id": "garbage" }), Some(&admin_a)).await.assert_error("NOT_FOUND", None);
    app.op("UpdateCustomer", json!({ "id": theirs, "input": maria() }), Some(&admin_a))
        .await
        .assert_error("NOT_FOUND", None);
    let vehicle = json!({ "customerId": theirs, "plate": "ABC1234", "kind": "CAR", "brand": "Fiat", "model": "Uno", "year": 2010 });
    app.op("CreateVehicle", json!({ "input": vehicle.clone() }), Some(&admin_a))
        .await
        .assert_error("NOT_FOUND", None);
    let mine = create_customer(&app, &admin_a, maria()).await;
    let mut move_theirs = vehicle;
    move_theirs["customerId"] = json!(mine);
    let update = app
        .graphql(
            "mutation($id: ID!, $input: VehicleInput!) { updateVehicle(id: $id, input: $input) { id } }",
            json!({ "id": their_vehicle, "input": move_theirs }),
            Some(&admin_a),
        )
        .await;
    update.assert_error("NOT_FOUND", None);
    app.graphql(
        "query($id: ID!) { vehicle(id: $id) { id } }",
        json!({ "id": their_vehicle }),
        Some(&admin_a),
    )
    .await
    .assert_error("NOT_FOUND", None);
    let by_plate = app.op("VehicleByPlate", json!({ "plate": "BRA2E19" }), Some(&admin_a)).await;
    assert!(by_plate.data()["vehicleByPlate"].is_null());
    assert_eq!(search(&app, &admin_a, "maria").await.len(), 1, "only workshop A's Maria");
}

/// Each CRM operation as each role.
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
    let customer_id = create_customer(&app, &admin, maria()).await;
    create_vehicle(&app, &admin, &customer_id, "BRA2E19").await;
    let roles = [
        ("ADMIN", Some(admin.clone())),
        ("OPERATOR", Some(demo("operador@demo.oficina.app").await)),
        ("MECHANIC", Some(mechanic)),
        ("CUSTOMER", Some(demo("cliente@demo.oficina.app").await)),
        ("PARTNER", Some(demo("parceiro@demo.oficina.app").await)),
        ("ANONYMOUS", None),
    ];
    for (i, (role, token)) in roles.iter().enumerate() {
        let token = token.as_deref();
        let cpf = CPFS[i % CPFS.len()];
        let reads = [
            app.op("Customers", json!({}), token).await,
            app.op("Customer", json!({ "id": customer_id }), token).await,
            app.op("InactiveCustomers", json!({ "days": 30 }), token).await,
            app.op("VehicleByPlate", json!({ "plate": "BRA2E19" }), token).await,
        ];
        let mut update = maria();
        update["name"] = json!(format!("Maria {role}"));
        let vehicle = json!({ "customerId": customer_id, "plate": format!("RLE{i}A2{i}"), "kind": "CAR", "brand": "Fiat", "model": "Uno", "year": 2010 });
        let writes = [
            app.op(
                "CreateCustomer",
                json!({ "input": { "name": format!("Novo {role}"), "document": format!("{cpf}") } }),
                token,
            )
            .await,
            app.op("UpdateCustomer", json!({ "id": customer_id, "input": update }), token).await,
            app.op("CreateVehicle", json!({ "input": vehicle }), token).await,
        ];
        let (can_read, can_write) = match *role {
            "ADMIN" | "OPERATOR" => (true, true),
            "MECHANIC" => (true, false),
            _ => (false, false),
        };
        let denied = if *role == "ANONYMOUS" { "UNAUTHENTICATED" } else { "FORBIDDEN" };
        for response in &reads {
            if can_read {
                response.data();
            } else {
                response.assert_error(denied, None);
            }
        }
        for response in &writes {
            if can_write {
                // The same CPF is reused across roles, so a write may meet a CONFLICT; never a denial.
                let code = response.body["errors"][0]["extensions"]["code"].as_str();
                assert!(code.is_none() || code == Some("CONFLICT"), "{role}: {:#}", response.body);
            } else {
                response.assert_error(denied, None);
            }
        }
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_mechanic_sees_cpfs_masked_but_company_cnpjs_whole() {
    let app = TestApp::spawn().await;
    let admin = app.register(CNPJ_A, "a@example.com").await;
    let mechanic = app.add_staff(&admin, "mec@example.com", "MECHANIC").await;
    let maria_id = create_customer(&app, &admin, maria()).await;
    let company_id =
        create_customer(&app, &admin, json!({ "name": "Transportes", "document": CNPJ_B })).await;
    let document = |token: String, id: String| {
        let app = &app;
        async move {
            let response = app.op("Customer", json!({ "id": id }), Some(&token)).await;
            response.data()["customer"]["document"].as_str().unwrap().to_owned()
        }
    };
    assert_eq!(document(admin.clone(), maria_id.clone()).await, "529.982.247-25");
    assert_eq!(document(mechanic.clone(), maria_id).await, "***.982.247-**");
    assert_eq!(document(mechanic, company_id).await, "12.ABC.345/01DE-35");
}

/// A page of customers costs the same number of queries whatever its size (no N+1), also when it
/// walks each vehicle's owner (`Vehicle.customer` goes through a DataLoader).
#[tokio::test(flavor = "multi_thread")]
async fn listing_customers_does_not_grow_queries_with_the_page() {
    let app = TestApp::counting_statements().await;
    let admin = app.register(CNPJ_A, "a@example.com").await;
    let list = "{ customers(first: 50) { totalCount edges { node { id name document emails phones { number } addresses { cep } vehicles { plate } } } } }";
    let owners = "{ customers(first: 50) { edges { node { vehicles { plate customer { name phones { number } } } } } } }";
    let count = |query: &'static str| {
        app.fewest_statements(query, json!({}), &admin, move |response| {
            let owner = &response.data()["customers"]["edges"][0]["node"]["vehicles"][0]["customer"];
            assert!(query == list || owner["name"] == "Maria Silva", "{owner}");
        })
    };
    let id = create_customer(&app, &admin, maria()).await;
    create_vehicle(&app, &admin, &id, "BRA2E19").await;
    let with_one = (count(list).await, count(owners).await);
    for (i, cpf) in CPFS.iter().enumerate().skip(1) {
        let mut input = maria();
        input["document"] = json!(cpf);
        let id = create_customer(&app, &admin, input).await;
        create_vehicle(&app, &admin, &id, &format!("QRS{i}B3{i}")).await;
    }
    assert_eq!((count(list).await, count(owners).await), with_one);
}

#[tokio::test(flavor = "multi_thread")]
async fn staff_export_the_current_search_as_csv() {
    use axum::body::Body;
    use axum::http::{Request, StatusCode, header};
    let app = TestApp::spawn().await;
    let admin = app.register(CNPJ_A, "a@example.com").await;
    let mechanic = app.add_staff(&admin, "mec@example.com", "MECHANIC").await;
    let maria_id = create_customer(&app, &admin, maria()).await;
    create_vehicle(&app, &admin, &maria_id, "BRA2E19").await;
    create_customer(&app, &admin, json!({ "name": "Oficina; \"Parceira\"", "document": CNPJ_B })).await;
    let export = |token: Option<String>, search: &str| {
        let mut request = Request::get(format!("/export/customers.csv?search={search}"));
        if let Some(token) = token {
            request = request.header(header::COOKIE, format!("oficina_session={token}"));
            request = request.header("sec-fetch-site", "same-origin");
        }
        app.send(request.body(Body::empty()).unwrap())
    };
    let all = export(Some(admin.clone()), "").await;
    assert_eq!(all.status, StatusCode::OK);
    assert_eq!(all.headers[header::CONTENT_TYPE], "text/csv; charset=utf-8");
    let text = all.body.as_str().unwrap();
    let lines: Vec<&str> = text.trim_end().split("\r\n").collect();
    assert!(lines[0].starts_with("\u{feff}Nome;"), "{text}");
    assert_eq!(lines.len(), 3, "header and two customers: {text}");
    assert!(lines[1].starts_with("Maria Silva;Pessoa física;529.982.247-25;"), "{}", lines[1]);
    assert!(lines[1].contains("BRA2E19") && lines[1].contains("(11) 987654321"), "{}", lines[1]);
    assert!(
        lines[2].starts_with("\"Oficina; \"\"Parceira\"\"\";Pessoa jurídica;12.ABC.345/01DE-35"),
        "{}",
        lines[2]
    );
    create_customer(&app, &admin, json!({ "name": "=1+2", "document": CPFS[1] })).await;
    let with_formula = export(Some(admin.clone()), "").await;
    let text = with_formula.body.as_str().unwrap();
    assert!(text.split("\r\n").any(|line| line.starts_with("'=1+2;")), "formulas become text: {text}");

    let filtered = export(Some(admin.clone()), "maria").await;
    assert_eq!(filtered.body.as_str().unwrap().trim_end().split("\r\n").count(), 2, "{}", filtered.body);
    assert_eq!(export(Some(mechanic), "").await.status, StatusCode::FORBIDDEN, "mechanics cannot export");

    assert_eq!(export(None, "").await.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_customer_login_sees_their_own_record_and_vehicles() {
    let app = TestApp::spawn_with(Options { demo: true, ..Options::default() }).await;
    let sign_in = |email: &'static str| {
        let app = &app;
        async move {
            let response =
                app.op("SignIn", json!({ "email": email, "password": "oficina-demo" }), None).await;
            response.data()["signIn"]["token"].as_str().unwrap().to_owned()
        }
    };
    let customer = sign_in("cliente@demo.oficina.app").await;
    let mine = app.graphql("{ myCustomer { name vehicles { plate } } }", json!({}), Some(&customer)).await;
    assert_eq!(
        mine.data()["myCustomer"],
        json!({ "name": "Carlos Cliente", "vehicles": [{ "plate": "DMO1A23" }] })
    );
    let operator = sign_in("operador@demo.oficina.app").await;
    app.graphql("{ myCustomer { name } }", json!({}), Some(&operator)).await.assert_error("FORBIDDEN", None);
    // A customer never reads the workshop's customer list.
    app.op("Customers", json!({}), Some(&customer)).await.assert_error("FORBIDDEN", None);
}
