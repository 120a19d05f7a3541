//! The portal in the real browser app: staff create a status link on the order's page, the public
//! page (another browser, nobody signed in) shows the order and follows it live when staff start
//! it, and an invalid link is one plain page; a customer of two workshops picks one.

use fantoccini::Locator;

use crate::browser::{Driver, app_with_spa, click, fill, submit, wait_for_path, wait_for_text};
use crate::helpers::PASSWORD;
use crate::portal::customer_of_two_workshops;
use crate::status_links::Shop;

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs the built SPA and chromium; run by cargo xtask test"]
async fn browser_staff_send_a_status_link_that_shows_the_order_live() {
    let (app, addr) = app_with_spa().await;
    let s = Shop::new(app).await;
    let id = s.order().await;
    let base = format!("http://{addr}");

    let driver = Driver::start().await;
    let staff = driver.browser().await;
    staff.goto(&format!("{base}/entrar")).await.unwrap();
    fill(&staff, "email", "a@example.com").await;
    fill(&staff, "password", PASSWORD).await;
    submit(&staff).await;
    wait_for_path(&staff, "/painel").await;
    staff.goto(&format!("{base}/painel/ordens/{id}")).await.unwrap();
    wait_for_text(&staff, "[data-test=status-link]", "Link de acompanhamento").await;
    click(&staff, "[data-test=create-status-link]").await;
    let input = staff.wait().for_element(Locator::Css("[data-test=status-link-url]")).await.unwrap();
    let url = input.prop("value").await.unwrap().unwrap_or_default();
    assert!(url.contains("/acompanhar/"), "{url}");
    let token = url.rsplit('/').next().unwrap().to_owned();

    // Someone else's phone, nobody signed in.
    let phone = driver.browser().await;
    phone.goto(&format!("{base}/acompanhar/{token}")).await.unwrap();
    wait_for_text(&phone, "[data-test=status-number]", "OS nº 1").await;
    wait_for_text(&phone, "[data-test=status-workshop]", "Oficina a@example.com").await;
    wait_for_text(&phone, "[data-test=status-status]", "Orçamento").await;
    wait_for_text(&phone, "[data-test=status-vehicle]", "Fiat Argo 2021").await;
    wait_for_text(&phone, "[data-test=status-items]", "Filtro de óleo").await;
    wait_for_text(&phone, "[data-test=status-total]", "R$ 211,80").await;
    wait_for_text(&phone, "[data-test=live]", "").await;
    let page = phone.source().await.unwrap();
    assert!(!page.contains("Maria Silva") && !page.contains("529.982.247-25"), "nothing about the customer");

    // Staff start the order: the public page follows without a reload.
    click(&staff, "[data-test=start-order]").await;
    wait_for_text(&staff, "[data-test=order-status]", "Em andamento").await;
    wait_for_text(&phone, "[data-test=status-status]", "Em andamento").await;

    // Revoked, the link is the plain invalid page on its next load; so is any unknown token.
    click(&staff, "[data-test=revoke-status-links]").await;
    wait_for_text(&staff, "[data-test=status-links-revoked]", "1").await;
    wait_for_text(&phone, "[data-test=invalid-link]", "Link inválido ou expirado").await;
    phone.goto(&format!("{base}/acompanhar/nao-existe")).await.unwrap();
    wait_for_text(&phone, "[data-test=invalid-link]", "Link inválido ou expirado").await;
    assert!(phone.find(Locator::Css("[data-test=status-number]")).await.is_err());
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs the built SPA and chromium; run by cargo xtask test"]
async fn browser_a_customer_of_two_workshops_picks_one_at_sign_in_and_switches_in_the_portal() {
    let (app, addr) = app_with_spa().await;
    let s = Shop::new(app).await;
    customer_of_two_workshops(&s).await;
    let first_workshop = s.app.workshop_id(&s.admin).await.to_string();
    let base = format!("http://{addr}");

    let driver = Driver::start().await;
    let browser = driver.browser().await;
    browser.goto(&format!("{base}/entrar")).await.unwrap();
    fill(&browser, "email", "maria@example.com").await;
    fill(&browser, "password", PASSWORD).await;
    submit(&browser).await;
    wait_for_text(&browser, "[data-test=choose-workshop]", "Escolha a oficina").await;
    let second = "//button[@data-test='choose-workshop-option'][contains(., 'Oficina b@example.com')]";
    browser.wait().for_element(Locator::XPath(second)).await.unwrap().click().await.unwrap();
    wait_for_path(&browser, "/cliente").await;
    wait_for_text(&browser, "[data-test=my-name]", "Maria S.").await;

    // The portal's picker goes back to the first workshop.
    let picker = browser.wait().for_element(Locator::Css("[data-test=workshop-select]")).await.unwrap();
    picker.select_by_value(&first_workshop).await.unwrap();
    wait_for_text(&browser, "[data-test=my-name]", "Maria Silva").await;
    wait_for_text(&browser, "[data-test=my-vehicle]", "BRA2E19").await;
}
