//! The customer portal's home (contract: portal.graphql's MyPortal): vehicles with their service
//! history, money spent, loyalty and benefits (empty until issue 12), in a bounded number of
//! statements; and a user who is a customer of two workshops switching between them.

use serde_json::{Value, json};

use crate::helpers::{CNPJ_B, PASSWORD, TestApp};
use crate::status_links::Shop;

/// MyPortal as written in the contract.
fn my_portal() -> String {
    crate::helpers::contract::operation("MyPortal")
}

/// Invites the shop's customer (Maria) to the portal and signs her in; returns her token.
async fn maria(s: &Shop) -> String {
    let invitation = s.app.invitation_token(&s.admin, &s.customer, "maria@example.com").await;
    let accepted =
        s.app.op("AcceptInvitation", json!({ "token": invitation, "password": PASSWORD }), None).await;
    accepted.data()["acceptInvitation"]["token"].as_str().unwrap().to_owned()
}

async fn add_car(s: &Shop, plate: &str) -> String {
    let car = json!({ "customerId": s.customer, "plate": plate, "kind": "CAR", "brand": "VW", "model": "Gol",
        "year": 2015, "fuel": "FLEX", "doors": 4, "odometerKm": 90000 });
    let vehicle = s.app.op("CreateVehicle", json!({ "input": car }), Some(&s.admin)).await;
    vehicle.data()["createVehicle"]["id"].as_str().unwrap().to_owned()
}

/// An order for `vehicle` of the shop's customer, with one labour item; finished when `finish`.
async fn order_for(s: &Shop, vehicle: &str, finish: bool) -> String {
    let services =
        s.app.graphql("{ services(first: 1) { edges { node { id } } } }", json!({}), Some(&s.admin));
    let labour = services.await.data()["services"]["edges"][0]["node"]["id"].clone();
    let input = json!({ "customerId": s.customer, "vehicleId": vehicle, "discountCents": 0, "taxesCents": 0,
        "items": [{ "serviceId": labour, "quantity": 1 }] });
    let created = s.app.op("CreateServiceOrder", json!({ "input": input }), Some(&s.admin)).await;
    let id = created.data()["createServiceOrder"]["id"].as_str().unwrap().to_owned();
    if finish {
        s.start(&id).await;
        s.finish(&id).await;
    }
    id
}

#[tokio::test(flavor = "multi_thread")]
async fn the_home_shows_each_vehicles_history_and_the_money_spent() {
    let s = Shop::new(TestApp::spawn().await).await;
    let token = maria(&s).await;
    let gol = add_car(&s, "GOL1A23").await;
    let finished = order_for(&s, &s.vehicle, true).await;
    let open = s.order().await;
    order_for(&s, &gol, true).await;

    let home = s.app.graphql(&my_portal(), json!({}), Some(&token)).await;
    let me = &home.data()["myCustomer"];
    assert_eq!(me["id"], json!(s.customer));
    assert_eq!(me["name"], "Maria Silva");
    assert_eq!(me["totalSpentCents"], 24000, "two finished orders of R$ 120,00; the open one does not count");
    assert_eq!(me["loyalty"], json!({ "points": 0, "programs": [] }));
    assert_eq!(me["benefits"], json!([]));
    let vehicles = me["vehicles"].as_array().unwrap();
    let plates: Vec<&str> = vehicles.iter().map(|v| v["plate"].as_str().unwrap()).collect();
    assert_eq!(plates.len(), 2);
    assert!(plates.contains(&"BRA2E19") && plates.contains(&"GOL1A23"), "{plates:?}");
    let argo = vehicles.iter().find(|v| v["plate"] == "BRA2E19").unwrap();
    let history: Vec<&Value> =
        argo["serviceOrders"]["edges"].as_array().unwrap().iter().map(|e| &e["node"]).collect();
    assert_eq!(history.len(), 2);
    assert_eq!(history[0]["id"], json!(open), "newest first");
    assert_eq!(history[0]["status"], "QUOTE");
    assert!(history[0]["finishedAt"].is_null());
    assert_eq!(
        history[0]["items"],
        json!([{ "description": "Troca de óleo" }, { "description": "Filtro de óleo" }])
    );
    assert_eq!(history[1]["id"], json!(finished));
    assert_eq!(history[1]["status"], "FINISHED");
    assert!(history[1]["finishedAt"].is_string());
    assert_eq!(history[1]["finalCents"], 12000);
    let gol = vehicles.iter().find(|v| v["plate"] == "GOL1A23").unwrap();
    assert_eq!(gol["serviceOrders"]["edges"].as_array().unwrap().len(), 1);

    // Another customer of the workshop is not in it, and staff see the same empty programs.
    s.app
        .customer_with_car(&s.admin, json!({ "name": "João", "document": "111.444.777-35" }), "XYZ9K88")
        .await;
    let again = s.app.graphql(&my_portal(), json!({}), Some(&token)).await;
    assert_eq!(again.data()["myCustomer"]["vehicles"].as_array().unwrap().len(), 2);
    let staff_view = s
        .app
        .graphql(
            "query($id: ID!) { customer(id: $id) { loyalty { points } benefits { id } } }",
            json!({ "id": s.customer }),
            Some(&s.admin),
        )
        .await;
    assert_eq!(staff_view.data()["customer"], json!({ "loyalty": { "points": 0 }, "benefits": [] }));
}

#[tokio::test(flavor = "multi_thread")]
async fn the_home_costs_the_same_statements_for_one_vehicle_or_many() {
    let s = Shop::new(TestApp::counting_statements().await).await;
    let token = maria(&s).await;
    order_for(&s, &s.vehicle, true).await;
    let query = my_portal();
    let count = || {
        s.app.fewest_statements(&query, json!({}), &token, |response| {
            assert!(response.data()["myCustomer"]["vehicles"].is_array(), "{:#}", response.body);
        })
    };
    let with_one = count().await;
    for plate in ["GOL1A23", "UNO2B34", "KAA3C45"] {
        let car = add_car(&s, plate).await;
        for finish in [true, false, true] {
            order_for(&s, &car, finish).await;
        }
    }
    let home = s.app.graphql(&my_portal(), json!({}), Some(&token)).await;
    let vehicles = home.data()["myCustomer"]["vehicles"].as_array().unwrap().len();
    assert_eq!(vehicles, 4);
    assert_eq!(count().await, with_one, "4 vehicles with 10 orders cost what 1 with 1 costs");
}

/// Maria, the shop's customer, signed in to its portal, and also a customer ("Maria S.") of a
/// second workshop that invited the same e-mail: (her token in the first, the second workshop's
/// id, her customer id there).
pub(crate) async fn customer_of_two_workshops(s: &Shop) -> (String, String, String) {
    let token = maria(s).await;
    let b_admin = s.app.register(CNPJ_B, "b@example.com").await;
    let (b_customer, _) = s
        .app
        .customer_with_car(&b_admin, json!({ "name": "Maria S.", "document": "529.982.247-25" }), "MAR1A00")
        .await;
    let invitation = s.app.invitation_token(&b_admin, &b_customer, "maria@example.com").await;
    let joined =
        s.app.op("AcceptInvitation", json!({ "token": invitation, "password": PASSWORD }), None).await;
    joined.data();
    (token, s.app.workshop_id(&b_admin).await.to_string(), b_customer)
}

#[tokio::test(flavor = "multi_thread")]
async fn a_customer_of_two_workshops_switches_between_them() {
    let s = Shop::new(TestApp::spawn().await).await;
    let (token, b_workshop, b_customer) = customer_of_two_workshops(&s).await;

    let memberships =
        s.app.graphql("{ me { memberships { role workshop { id name } } } }", json!({}), Some(&token));
    let memberships = memberships.await;
    let listed = memberships.data()["me"]["memberships"].as_array().unwrap().clone();
    assert_eq!(listed.len(), 2, "{listed:?}");
    assert!(listed.iter().all(|m| m["role"] == "CUSTOMER"));

    let switch = "mutation($id: ID!) { switchWorkshop(workshopId: $id) { token membership { role workshop { id } } } }";
    let switched = s.app.graphql(switch, json!({ "id": b_workshop }), Some(&token)).await;
    let payload = &switched.data()["switchWorkshop"];
    assert_eq!(payload["membership"]["workshop"]["id"], json!(b_workshop));
    assert!(
        switched
            .headers
            .get_all("set-cookie")
            .iter()
            .any(|c| c.to_str().unwrap().contains("oficina_session"))
    );
    let new_token = payload["token"].as_str().unwrap().to_owned();
    let mine = s.app.graphql("{ myCustomer { id name } }", json!({}), Some(&new_token)).await;
    assert_eq!(mine.data()["myCustomer"], json!({ "id": b_customer, "name": "Maria S." }));
    s.app
        .graphql("{ myCustomer { id } }", json!({}), Some(&token))
        .await
        .assert_error("UNAUTHENTICATED", None);

    // Not a member: NOT_FOUND, and the session stays as it was.
    let stranger = s.app.register("45.723.174/0001-10", "c@example.com").await;
    let elsewhere = s.app.workshop_id(&stranger).await.to_string();
    for id in [elsewhere.as_str(), "999999", "x"] {
        s.app.graphql(switch, json!({ "id": id }), Some(&new_token)).await.assert_error("NOT_FOUND", None);
    }
    let still = s.app.graphql("{ myCustomer { id } }", json!({}), Some(&new_token)).await;
    assert_eq!(still.data()["myCustomer"]["id"], json!(b_customer));
    s.app.graphql(switch, json!({ "id": b_workshop }), None).await.assert_error("UNAUTHENTICATED", None);
}
