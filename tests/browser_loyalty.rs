//! Loyalty in the real browser app: a customer sees each program's progress on the portal's
//! home (points of a POINTS program, visits of a VISITS program, the reward now available, then
//! used once staff apply it), and the admin creates a program on `/painel/fidelidade`.

use serde_json::json;

use crate::browser::{Driver, app_with_spa, click, fill, submit, wait_for_path, wait_for_text};
use crate::browser_booking::invited_customer;
use crate::helpers::{CNPJ_A, PASSWORD};
use crate::loyalty::{APPLY, points_program, program, service, visits_program};
use crate::nps::finished_order;

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs the built SPA and chromium; run by cargo xtask test"]
async fn browser_customer_sees_their_loyalty_progress() {
    let (app, addr) = app_with_spa().await;
    let admin = app.register(CNPJ_A, "ze@example.com").await;
    let (vehicle_id, link) = invited_customer(&app, &admin, addr).await;
    let vehicle = app
        .graphql(
            "query($id: ID!) { vehicle(id: $id) { customer { id } } }",
            json!({ "id": vehicle_id }),
            Some(&admin),
        )
        .await;
    let customer_id = vehicle.data()["vehicle"]["customer"]["id"].as_str().unwrap().to_owned();
    program(&app, &admin, points_program(500)).await;
    let visits = program(&app, &admin, visits_program(2)).await;
    let labour = service(&app, &admin, 12_050).await;
    finished_order(&app, &admin, &customer_id, &vehicle_id, &labour, None).await;

    let driver = Driver::start().await;
    let browser = driver.browser().await;
    browser.goto(&link).await.unwrap();
    fill(&browser, "password", PASSWORD).await;
    submit(&browser).await;
    wait_for_path(&browser, "/cliente").await;
    wait_for_text(&browser, "[data-test=loyalty]", "120 de 500 pontos").await;
    wait_for_text(&browser, "[data-test=loyalty]", "1 visitas — a 2ª é grátis").await;
    wait_for_text(&browser, "[data-test=loyalty-available]", "Revisão grátis").await;

    // Staff apply the free visit on the next order: the customer sees it as used.
    let input = json!({ "customerId": customer_id, "vehicleId": vehicle_id, "mechanicId": null,
        "odometerKm": 1200, "discountCents": 0, "taxesCents": 0, "items": [{ "serviceId": labour, "quantity": 1 }] });
    let order = app.op("CreateServiceOrder", json!({ "input": input }), Some(&admin)).await;
    let order = order.data()["createServiceOrder"]["id"].clone();
    app.graphql(APPLY, json!({ "order": order, "program": visits }), Some(&admin)).await.data();
    browser.refresh().await.unwrap();
    wait_for_text(&browser, "[data-test=loyalty-used]", "Recompensas já usadas: 1").await;

    // The admin's programs page lists both and creates a third.
    let staff = driver.browser().await;
    staff.goto(&format!("http://{addr}/entrar")).await.unwrap();
    fill(&staff, "email", "ze@example.com").await;
    fill(&staff, "password", PASSWORD).await;
    submit(&staff).await;
    wait_for_path(&staff, "/painel").await;
    click(&staff, "[data-test=nav-loyalty]").await;
    wait_for_path(&staff, "/painel/fidelidade").await;
    wait_for_text(&staff, "[data-test=programs]", "5ª revisão grátis").await;
    fill(&staff, "name", "Pontos em dobro").await;
    fill(&staff, "rewardPoints", "300").await;
    fill(&staff, "rewardDescription", "Alinhamento grátis").await;
    click(&staff, "[data-test=create-program]").await;
    wait_for_text(&staff, "[data-test=programs]", "Pontos em dobro").await;
    staff.close().await.unwrap();
    browser.close().await.unwrap();
}
