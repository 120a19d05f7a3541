//! MFA in the browser: a staff member enrols TOTP on /painel/seguranca (the code computed here
//! with totp-rs from the secret the page shows), signs out, signs in with the password and then
//! a 6-digit code, and once more with a recovery code; the history pages with "Carregar mais"
//! and an ADMIN reads a staff member's.

use std::time::{SystemTime, UNIX_EPOCH};

use fantoccini::{Client, Locator};
use totp_rs::{Algorithm, Secret, TOTP};

use crate::browser::{Driver, app_with_spa, click, fill, submit, wait_for_path, wait_for_text};
use crate::helpers::{CNPJ_A, PASSWORD};

/// The code of `secret` (base32) for the 30-second step `steps_ahead` after the current one.
fn code(secret: &str, steps_ahead: u64) -> String {
    let bytes = Secret::Encoded(secret.to_owned()).to_bytes().expect("a base32 secret");
    let totp = TOTP::new_unchecked(Algorithm::SHA1, 6, 1, 30, bytes);
    let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs();
    totp.generate(now + 30 * steps_ahead)
}

async fn text(browser: &Client, css: &str) -> String {
    browser.wait().for_element(Locator::Css(css)).await.unwrap().text().await.unwrap()
}

async fn sign_in_with_password(browser: &Client, base: &str, email: &str) {
    browser.goto(&format!("{base}/entrar")).await.unwrap();
    fill(browser, "email", email).await;
    fill(browser, "password", PASSWORD).await;
    submit(browser).await;
}

async fn sign_out(browser: &Client) {
    click(browser, "[data-test=sign-out]").await;
    wait_for_path(browser, "/entrar").await;
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs the built SPA and chromium; run by cargo xtask test"]
async fn browser_staff_enrol_totp_and_sign_in_with_a_code_and_a_recovery_code() {
    let (app, addr) = app_with_spa().await;
    let admin = app.register(CNPJ_A, "ze@example.com").await;
    app.add_staff(&admin, "ana@example.com", "OPERATOR").await;
    let driver = Driver::start().await;
    let browser = driver.browser().await;
    let base = format!("http://{addr}");

    sign_in_with_password(&browser, &base, "ze@example.com").await;
    wait_for_path(&browser, "/painel").await;
    browser.goto(&format!("{base}/painel/seguranca")).await.unwrap();
    click(&browser, "[data-test=mfa-start]").await;
    let secret = text(&browser, "[data-test=mfa-secret]").await;
    assert!(text(&browser, "[data-test=mfa-qr]").await.is_empty(), "the QR code is an SVG drawing");
    browser.find(Locator::Css("[data-test=mfa-qr] svg")).await.expect("the QR code");
    // A wrong code first: the error shows next to the field.
    fill(&browser, "code", "000000").await;
    submit(&browser).await;
    wait_for_text(&browser, "[data-field-error=code]", "").await;
    fill(&browser, "code", &code(&secret, 0)).await;
    submit(&browser).await;
    wait_for_text(&browser, "[data-test=mfa-recovery]", "").await;
    let recovery: Vec<String> = {
        let mut codes = vec![];
        for element in browser.find_all(Locator::Css("[data-test=mfa-recovery] li code")).await.unwrap() {
            codes.push(element.text().await.unwrap());
        }
        codes
    };
    assert_eq!(recovery.len(), 10, "{recovery:?}");

    // Password, then the next step's code (the current one was used to confirm: no replay).
    sign_out(&browser).await;
    sign_in_with_password(&browser, &base, "ze@example.com").await;
    wait_for_text(&browser, "[data-test=mfa-form]", "").await;
    fill(&browser, "code", &code(&secret, 1)).await;
    submit(&browser).await;
    wait_for_path(&browser, "/painel").await;
    wait_for_text(&browser, "[data-test=user-name]", "José Admin").await;

    // Password, then a recovery code.
    sign_out(&browser).await;
    sign_in_with_password(&browser, &base, "ze@example.com").await;
    wait_for_text(&browser, "[data-test=mfa-form]", "").await;
    fill(&browser, "code", &recovery[0]).await;
    submit(&browser).await;
    wait_for_path(&browser, "/painel").await;

    // The history: this page's rows, more with "Carregar mais"; then Ana's (ADMIN only).
    browser.goto(&format!("{base}/painel/seguranca")).await.unwrap();
    wait_for_text(&browser, "[data-test=mfa-on]", "").await;
    wait_for_text(&browser, "[data-test=sign-in-row]", "Código de recuperação").await;
    wait_for_text(&browser, "[data-test=sign-in-row]", "Código do aplicativo").await;
    let ana = app.graphql("{ staff { userId email } }", serde_json::json!({}), Some(&admin)).await;
    let ana = ana.data()["staff"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["email"] == "ana@example.com")
        .unwrap()["userId"]
        .as_str()
        .unwrap()
        .to_owned();
    let picker = browser.wait().for_element(Locator::Css("[data-test=history-user]")).await.unwrap();
    picker.select_by_value(&ana).await.unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    loop {
        let rows = browser.find_all(Locator::Css("[data-test=sign-in-row]")).await.unwrap();
        if rows.len() == 1 {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "Ana has one sign-in; saw {} rows", rows.len());
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    browser.close().await.unwrap();
}

/// More sign-ins than a page: "Carregar mais" appends the next page after the last row.
#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs the built SPA and chromium; run by cargo xtask test"]
async fn browser_sign_in_history_loads_more() {
    let (app, addr) = app_with_spa().await;
    app.register(CNPJ_A, "ze@example.com").await;
    for _ in 0..31 {
        app.sign_in("ze@example.com").await;
    }
    let driver = Driver::start().await;
    let browser = driver.browser().await;
    let base = format!("http://{addr}");
    sign_in_with_password(&browser, &base, "ze@example.com").await;
    wait_for_path(&browser, "/painel").await;
    browser.goto(&format!("{base}/painel/seguranca")).await.unwrap();
    click(&browser, "[data-test=history-more]").await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    loop {
        let rows = browser.find_all(Locator::Css("[data-test=sign-in-row]")).await.unwrap();
        // 31 sign-ins here and the browser's (a page is 30).
        if rows.len() >= 32 {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "32 sign-ins at least; saw {}", rows.len());
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(browser.find(Locator::Css("[data-test=history-more]")).await.is_err(), "no more pages");
    browser.close().await.unwrap();
}
