//! The demo workshop `cargo xtask run` starts with: about forty valid customers in several states,
//! with cars and motorcycles under old and Mercosul plates, that the search finds.

use std::collections::HashSet;

use oficina_domain::types::Document;
use serde_json::json;

use crate::helpers::{Options, TestApp};

const LIST: &str = "{ customers(first: 100) { totalCount nodes { name kind document emails \
    phones { ddd number } addresses { state cep } vehicles { plate kind brand } } } }";

#[tokio::test(flavor = "multi_thread")]
async fn the_demo_has_forty_valid_customers_with_their_vehicles() {
    let app = TestApp::spawn_with(Options { demo: true, ..Options::default() }).await;
    let signed_in = app
        .op("SignIn", json!({ "email": "admin@demo.oficina.app", "password": "oficina-demo" }), None)
        .await;
    let admin = signed_in.data()["signIn"]["token"].as_str().unwrap().to_owned();

    let list = app.graphql(LIST, json!({}), Some(&admin)).await;
    let customers = list.data()["customers"]["nodes"].as_array().unwrap().clone();
    assert_eq!(list.data()["customers"]["totalCount"], 40);
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
