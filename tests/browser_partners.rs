//! Partners in the real browser app: a customer sees their code in the "Clube de benefícios", the
//! partner redeems it at /parceiro with the sale amount, and the ADMIN sees the commission in the
//! ledger at /painel/parceiros, settles it, and grants an offer to all eligible with its progress.

use fantoccini::Client;
use serde_json::json;

use crate::browser::{Driver, app_with_spa, click, fill, submit, wait_for_path, wait_for_text};
use crate::helpers::{CNPJ_A, PASSWORD};
use crate::partners::{code, offer, partner};
use crate::scheduling::customer;

async fn sign_in(browser: &Client, base: &str, email: &str, lands_on: &str) {
    browser.goto(&format!("{base}/entrar")).await.unwrap();
    fill(browser, "email", email).await;
    fill(browser, "password", PASSWORD).await;
    submit(browser).await;
    wait_for_path(browser, lands_on).await;
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs the built SPA and chromium; run by cargo xtask test"]
async fn browser_a_customer_sees_their_code_and_the_partner_redeems_it() {
    let (app, addr) = app_with_spa().await;
    let base = format!("http://{addr}");
    let admin = app.register(CNPJ_A, "adm-browser-parc@example.com").await;
    let (customer_id, _, _) = customer(&app, &admin, 340).await;
    let (partner_id, _) = partner(&app, &admin, "lavagem@example.com", 10.0).await;
    let offer_id = offer(&app, &admin, &partner_id, json!({ "description": "Lavagem completa" })).await;
    let code = code(&app, &admin, &customer_id, &offer_id).await;

    let driver = Driver::start().await;
    let phone = driver.browser().await;
    sign_in(&phone, &base, "cliente340@example.com", "/cliente").await;
    wait_for_text(&phone, "[data-test=benefits]", "Lavagem completa").await;
    wait_for_text(&phone, "[data-test=promo-code]", &code).await;
    wait_for_text(&phone, "[data-test=copy-code]", "Copiar").await;

    let counter = driver.browser().await;
    sign_in(&counter, &base, "lavagem@example.com", "/parceiro").await;
    wait_for_text(&counter, "[data-test=partner-customer]", "Cliente 340").await;
    fill(&counter, "promoCode", &code.to_lowercase()).await;
    fill(&counter, "saleCents", "100,00").await;
    click(&counter, "[data-test=redeem]").await;
    wait_for_text(&counter, "[data-test=redeemed]", &code).await;
    wait_for_text(&counter, "[data-test=redeemed]", "R$ 10,00").await;
    wait_for_text(&counter, "[data-test=partner-customer]", "Usado").await;
    // A second time: the code was used.
    fill(&counter, "promoCode", &code).await;
    fill(&counter, "saleCents", "50,00").await;
    click(&counter, "[data-test=redeem]").await;
    wait_for_text(&counter, "[data-field-error=promoCode]", "").await;

    let office = driver.browser().await;
    sign_in(&office, &base, "adm-browser-parc@example.com", "/painel").await;
    office.goto(&format!("{base}/painel/parceiros")).await.unwrap();
    wait_for_text(&office, "[data-test=receivable-open]", "R$ 10,00").await;
    click(&office, "[data-test=settle]").await;
    wait_for_text(&office, "[data-test=receivable-open]", "R$ 0,00").await;
    wait_for_text(&office, "[data-test=ledger-row]", "Baixado").await;
    click(&office, "[data-test=grant-all-start]").await;
    wait_for_text(&office, "[data-test=grant-progress]", "Concluído").await;
}
