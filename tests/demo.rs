//! The demo workshop `cargo xtask run` starts with: about forty valid customers in several states,
//! with cars and motorcycles under old and Mercosul plates, that the search finds; and service orders
//! in every status, made through the commands, for the demo mechanic and customer too.

use std::collections::HashSet;

use oficina_domain::types::Document;
use serde_json::json;

use crate::helpers::{Options, TestApp};

const LIST: &str = "{ customers(first: 100) { totalCount nodes { name kind document erasedAt emails \
    phones { ddd number } addresses { state cep } vehicles { plate kind brand } } } }";

#[tokio::test(flavor = "multi_thread")]
async fn the_demo_has_forty_valid_customers_with_their_vehicles() {
    let app = TestApp::spawn_with(Options { demo: true, ..Options::default() }).await;
    let signed_in = app
        .op("SignIn", json!({ "email": "admin@demo.oficina.app", "password": "oficina-demo" }), None)
        .await;
    let admin = signed_in.data()["signIn"]["token"].as_str().unwrap().to_owned();

    let list = app.graphql(LIST, json!({}), Some(&admin)).await;
    let all = list.data()["customers"]["nodes"].as_array().unwrap().clone();
    // Forty customers and one anonymised on request (LGPD), who keeps a pseudonym and nothing else.
    assert_eq!(list.data()["customers"]["totalCount"], 41);
    let (erased, customers): (Vec<_>, Vec<_>) = all.into_iter().partition(|c| c["erasedAt"].is_string());
    assert_eq!(erased.len(), 1, "{erased:#?}");
    assert!(erased[0]["name"].as_str().unwrap().starts_with("Cliente anonimizado #"));
    assert_eq!((&erased[0]["document"], &erased[0]["emails"]), (&json!(""), &json!([])));
    assert_eq!(customers.len(), 40);
    let (mut states, mut vehicle_kinds, mut plate_forms) = (HashSet::new(), HashSet::new(), HashSet::new());
    let mut companies = 0;
    for customer in &customers {
        let document = customer["document"].as_str().unwrap();
        let expected_kind = match Document::parse(document) {
            Ok(Document::Cpf(_)) => "PERSON",
            Ok(Document::Cnpj(_)) => "COMPANY",
            Err(e) => panic!("{}: invalid document {document}: {e}", customer["name"]),
        };
        assert_eq!(customer["kind"], expected_kind, "{customer:#}");
        companies += usize::from(expected_kind == "COMPANY");
        assert!(!customer["emails"].as_array().unwrap().is_empty(), "{customer:#}");
        assert!(!customer["phones"].as_array().unwrap().is_empty(), "{customer:#}");
        states.extend(customer["addresses"].as_array().unwrap().iter().map(|a| a["state"].to_string()));
        for vehicle in customer["vehicles"].as_array().unwrap() {
            vehicle_kinds.insert(vehicle["kind"].as_str().unwrap().to_owned());
            let plate = vehicle["plate"].as_str().unwrap();
            plate_forms.insert(if plate.as_bytes()[4].is_ascii_digit() { "old" } else { "Mercosul" });
        }
    }
    assert!((5..=15).contains(&companies), "{companies} companies among 40 customers");
    assert!(states.len() >= 8, "addresses in {} states: {states:?}", states.len());
    assert!(vehicle_kinds.contains("CAR") && vehicle_kinds.contains("MOTORCYCLE"), "{vehicle_kinds:?}");
    assert_eq!(plate_forms.len(), 2, "old and Mercosul plates: {plate_forms:?}");

    // A piece of an old plate, in lower case, finds its owner and nobody else.
    let search = app
        .graphql(
            "{ customers(search: \"kpj48\") { nodes { name vehicles { plate } } } }",
            json!({}),
            Some(&admin),
        )
        .await;
    assert_eq!(
        search.data()["customers"]["nodes"],
        json!([{ "name": "Rafael Oliveira Lima", "vehicles": [{ "plate": "KPJ4821" }] }])
    );
}

const ORDERS: &str = "{ serviceOrders(first: 100) { totalCount nodes { number status createdAt finishedAt \
    finalCents mechanic { name } items { description } installments { amountCents paidAt } \
    timeline { kind status at } } } }";

/// Signs in with a demo login (the demo password); returns the token.
pub(crate) async fn demo_sign_in(app: &TestApp, email: &str) -> String {
    let signed_in = app.op("SignIn", json!({ "email": email, "password": "oficina-demo" }), None).await;
    signed_in.data()["signIn"]["token"].as_str().unwrap().to_owned()
}

#[tokio::test(flavor = "multi_thread")]
async fn the_demo_has_service_orders_in_every_status_with_their_history() {
    let app = TestApp::spawn_with(Options { demo: true, ..Options::default() }).await;
    let admin = demo_sign_in(&app, "admin@demo.oficina.app").await;
    let all = app.graphql(ORDERS, json!({}), Some(&admin)).await;
    let orders = all.data()["serviceOrders"]["nodes"].as_array().unwrap().clone();
    let with_status = |status: &str| orders.iter().filter(|o| o["status"] == status).collect::<Vec<_>>();
    assert!(with_status("QUOTE").len() >= 2, "quotes");
    assert!(with_status("IN_PROGRESS").len() >= 2, "orders in progress");
    assert!(with_status("FINISHED").len() >= 5, "finished orders");
    assert_eq!(with_status("CANCELLED").len(), 1, "one cancelled order");
    let numbers: HashSet<i64> = orders.iter().map(|o| o["number"].as_i64().unwrap()).collect();
    assert_eq!(numbers, (1..=orders.len() as i64).collect(), "numbered 1..n without gaps");

    let week_ago = (chrono::Utc::now() - chrono::Duration::days(7)).to_rfc3339();
    let (mut paid, mut open, mut old) = (0, 0, 0);
    for order in with_status("FINISHED") {
        assert!(order["finalCents"].as_i64().unwrap() > 0, "{order:#}");
        assert!(!order["items"].as_array().unwrap().is_empty(), "{order:#}");
        let installments = order["installments"].as_array().unwrap();
        let sum: i64 = installments.iter().map(|i| i["amountCents"].as_i64().unwrap()).sum();
        assert_eq!(sum, order["finalCents"].as_i64().unwrap(), "installments add up: {order:#}");
        paid += installments.iter().filter(|i| !i["paidAt"].is_null()).count();
        open += installments.iter().filter(|i| i["paidAt"].is_null()).count();
        let finished_at = order["finishedAt"].as_str().unwrap();
        old += usize::from(finished_at < week_ago.as_str());
        // Made through the commands: its events tell the story, on the days it happened.
        let steps: Vec<&str> =
            order["timeline"].as_array().unwrap().iter().filter_map(|s| s["status"].as_str()).collect();
        assert_eq!(steps, ["IN_PROGRESS", "FINISHED"], "{order:#}");
        let timeline = order["timeline"].as_array().unwrap();
        assert_eq!(timeline[0]["kind"], "service_order.created");
        assert!(timeline.iter().all(|s| s["at"].as_str().unwrap() >= order["createdAt"].as_str().unwrap()));
    }
    assert!(paid > 0 && open > 0, "{paid} installments paid, {open} open");
    assert!(old >= 3, "orders finished in past weeks and months: {old}");
    let cancelled = with_status("CANCELLED")[0];
    assert!(cancelled["timeline"].as_array().unwrap().iter().any(|s| s["status"] == "CANCELLED"));

    // The demo mechanic sees the orders assigned to them, some of them on the bench.
    let mechanic = demo_sign_in(&app, "mecanica@demo.oficina.app").await;
    let theirs = app.graphql(ORDERS, json!({}), Some(&mechanic)).await;
    let theirs = theirs.data()["serviceOrders"]["nodes"].as_array().unwrap().clone();
    assert!(theirs.len() >= 4 && theirs.len() < orders.len(), "{} of {}", theirs.len(), orders.len());
    assert!(theirs.iter().all(|o| o["mechanic"]["name"] == "Márcia Mecânica"));
    assert!(
        theirs.iter().any(|o| o["status"] == "IN_PROGRESS") && theirs.iter().any(|o| o["status"] == "QUOTE")
    );

    // The demo customer has visits, money spent and a car in the shop now.
    let customer = demo_sign_in(&app, "cliente@demo.oficina.app").await;
    let mine = app
        .graphql(
            "{ myCustomer { totalSpentCents visitCount serviceOrders(first: 10) { nodes { status } } } }",
            json!({}),
            Some(&customer),
        )
        .await;
    let mine = &mine.data()["myCustomer"];
    assert_eq!(mine["visitCount"], 2, "{mine:#}");
    assert!(mine["totalSpentCents"].as_i64().unwrap() > 0, "{mine:#}");
    let statuses: Vec<&str> = mine["serviceOrders"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["IN_PROGRESS", "FINISHED", "FINISHED"]);
}
