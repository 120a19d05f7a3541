//! API tokens in the real browser app: an ADMIN creates a token at "Integrações", sees its secret
//! once (gone after a reload), and revokes it after confirming; the secret then stops working.

use serde_json::json;

use crate::browser::{Driver, app_with_spa, click, fill, submit, wait_for_path, wait_for_text};
use crate::helpers::{CNPJ_A, PASSWORD};

const CUSTOMERS: &str = "query { customers(first: 1) { edges { node { id } } } }";

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs the built SPA and chromium; run by cargo xtask test"]
async fn browser_admin_creates_a_token_sees_it_once_and_revokes_it() {
    let (app, addr) = app_with_spa().await;
    app.register(CNPJ_A, "ze@example.com").await;
    let driver = Driver::start().await;
    let browser = driver.browser().await;
    browser.goto(&format!("http://{addr}/entrar")).await.unwrap();
    fill(&browser, "email", "ze@example.com").await;
    fill(&browser, "password", PASSWORD).await;
    submit(&browser).await;
    wait_for_path(&browser, "/painel").await;

    click(&browser, "[data-test=nav-api-tokens]").await;
    wait_for_path(&browser, "/painel/integracoes").await;
    wait_for_text(&browser, ".empty", "Nenhum token").await;
    fill(&browser, "name", "ERP contábil").await;
    submit(&browser).await;
    wait_for_text(&browser, "[data-test=api-token-created]", "não será mostrado de novo").await;
    let secret = browser
        .execute("return document.querySelector('[data-test=api-token-secret]').value", vec![])
        .await
        .unwrap();
    let secret = secret.as_str().unwrap().to_owned();
    assert!(secret.starts_with("ofc_"), "{secret}");
    app.graphql(CUSTOMERS, json!({}), Some(&secret)).await.data();
    wait_for_text(&browser, "[data-test=api-token-row]", "ERP contábil").await;
    wait_for_text(&browser, "[data-test=api-token-state]", "Ativo").await;

    // Once only: after a reload the list has the token, but not its secret.
    browser.refresh().await.unwrap();
    wait_for_text(&browser, "[data-test=api-token-row]", "ERP contábil").await;
    let shown = browser.execute("return document.body.innerText", vec![]).await.unwrap();
    assert!(!shown.as_str().unwrap().contains(&secret));

    click(&browser, "[data-test=revoke-api-token]").await;
    wait_for_text(&browser, "[data-test=revoke-api-token-dialog]", "Revogar este token?").await;
    click(&browser, "[data-test=confirm-revoke-api-token]").await;
    wait_for_text(&browser, "[data-test=api-token-state]", "Revogado").await;
    app.graphql(CUSTOMERS, json!({}), Some(&secret)).await.assert_error("UNAUTHENTICATED", None);
    browser.close().await.unwrap();
}
