//! The NPS survey in the real browser app: a customer sees the pending survey of their finished
//! order on the portal's home, answers 10 with a comment on the big buttons, gets the thank-you
//! and the invitation to review the workshop; the e-mailed link then says it was rated already.

use fantoccini::Locator;
use serde_json::json;

use crate::browser::{Driver, app_with_spa, click, fill, submit, wait_for_path, wait_for_text};
use crate::browser_booking::invited_customer;
use crate::helpers::{CNPJ_A, PASSWORD};
use crate::nps::{finished_order, labour, survey_token};

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs the built SPA and chromium; run by cargo xtask test"]
async fn browser_customer_answers_the_survey_from_the_portal_and_sees_the_thank_you() {
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
    let service = labour(&app, &admin).await;
    let order = finished_order(&app, &admin, &customer_id, &vehicle_id, &service, None).await;
    let review = "https://g.page/r/oficina-do-ze/review";
    let set = app
        .graphql(
            "mutation($u: String) { updateNpsSettings(reviewUrl: $u) { reviewUrl } }",
            json!({ "u": review }),
            Some(&admin),
        )
        .await;
    assert_eq!(set.data()["updateNpsSettings"]["reviewUrl"], review);
    let token = survey_token(&app, "cliente@example.com").await;

    let driver = Driver::start().await;
    let browser = driver.browser().await;
    browser.goto(&link).await.unwrap();
    fill(&browser, "password", PASSWORD).await;
    submit(&browser).await;
    wait_for_path(&browser, "/cliente").await;

    // The home lists the survey; "Avaliar" opens it.
    wait_for_text(&browser, "[data-test=nps-pending-item]", "BRA2E19").await;
    click(&browser, "[data-test=nps-pending-rate]").await;
    wait_for_path(&browser, &format!("/cliente/avaliar/{order}")).await;

    // Sending without a score says what is missing; then 10 and a comment.
    click(&browser, "[data-test=nps-send]").await;
    wait_for_text(&browser, "[data-field-error=score]", "Escolha uma nota").await;
    click(&browser, "[data-test=nps-score-10]").await;
    let chosen = browser.find(Locator::Css("[data-test=nps-score-10]")).await.unwrap();
    assert_eq!(chosen.attr("aria-pressed").await.unwrap().as_deref(), Some("true"));
    fill(&browser, "comment", "Serviço rápido e bem feito").await;
    wait_for_text(&browser, ".nps-survey .field__hint", "26/1000").await;
    click(&browser, "[data-test=nps-send]").await;
    wait_for_text(&browser, "[data-test=nps-thanks]", "Obrigado pela sua avaliação").await;
    let invitation = browser.find(Locator::Css("[data-test=nps-review] a")).await.unwrap();
    assert_eq!(invitation.attr("href").await.unwrap().as_deref(), Some(review));

    // The e-mailed link, opened afterwards, says it was rated already.
    browser.goto(&format!("http://{addr}/avaliar/{token}")).await.unwrap();
    wait_for_text(&browser, "[data-test=nps-already]", "já foi avaliada").await;
    browser.goto(&format!("http://{addr}/avaliar/nao-existe")).await.unwrap();
    wait_for_text(&browser, "[data-test=nps-link-invalid]", "Link inválido ou expirado").await;
    browser.close().await.unwrap();
}
