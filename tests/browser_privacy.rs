//! LGPD in the real browser app: a customer turns a consent on at /cliente/privacidade (the log
//! shows the change), asks for their data and gets a link that downloads the zip; an ADMIN sees
//! the consent and the export on the customer's 360 page.

use fantoccini::Locator;

use crate::browser::{Driver, app_with_spa, attribute, click, fill, submit, wait_for_path, wait_for_text};
use crate::helpers::{CNPJ_A, PASSWORD};
use crate::lgpd_export::{unzip, zip_at};
use crate::scheduling::shop;

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs the built SPA and chromium; run by cargo xtask test"]
async fn browser_a_customer_toggles_a_consent_and_downloads_their_data() {
    let (app, addr) = app_with_spa().await;
    let s = shop(&app, CNPJ_A, "a@example.com", 1).await;
    let base = format!("http://{addr}");

    let driver = Driver::start().await;
    let browser = driver.browser().await;
    browser.goto(&format!("{base}/entrar")).await.unwrap();
    fill(&browser, "email", "cliente1@example.com").await;
    fill(&browser, "password", PASSWORD).await;
    submit(&browser).await;
    wait_for_path(&browser, "/cliente").await;
    click(&browser, "[data-test=privacy-link]").await;
    wait_for_path(&browser, "/cliente/privacidade").await;
    wait_for_text(&browser, "[data-test=consent-whatsapp]", "Nunca alterado").await;
    click(&browser, "[data-test=consent-toggle-whatsapp]").await;
    wait_for_text(&browser, "[data-test=consent-log-row]", "WhatsApp: autorizado").await;
    wait_for_text(&browser, "[data-test=consent-log-row]", "pelo portal do cliente").await;
    let checked = browser
        .find(Locator::Css("[data-test=consent-toggle-whatsapp]"))
        .await
        .unwrap()
        .prop("checked")
        .await
        .unwrap();
    assert_eq!(checked.as_deref(), Some("true"));

    click(&browser, "[data-test=export-my-data]").await;
    wait_for_text(&browser, "[data-test=export-link]", "Arquivo pronto").await;
    let url = attribute(&browser, "[data-test=export-link]", "href").await;
    let path = url.split_once(&addr.to_string()).map_or(url.as_str(), |(_, path)| path).to_owned();
    assert!(path.starts_with("/lgpd/export/"), "{url}");
    let files = unzip(&zip_at(&app, &path).await);
    assert!(files["consent_log.json"].contains("WHATSAPP"), "{:?}", files.keys());

    // The ADMIN sees the change on the 360 page, with the export button.
    let staff = driver.browser().await;
    staff.goto(&format!("{base}/entrar")).await.unwrap();
    fill(&staff, "email", "a@example.com").await;
    fill(&staff, "password", PASSWORD).await;
    submit(&staff).await;
    wait_for_path(&staff, "/painel").await;
    staff.goto(&format!("{base}/painel/clientes/{}", s.customer_id)).await.unwrap();
    wait_for_text(&staff, "[data-test=customer-consents]", "WhatsApp: autorizado").await;
    wait_for_text(&staff, "[data-test=access-log]", "viu o CPF completo").await;
    click(&staff, "[data-test=export-customer-data]").await;
    wait_for_text(&staff, "[data-test=export-link]", "Arquivo pronto").await;
}
