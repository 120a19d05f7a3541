//! Sign in with Google in the real browser app, through the fake provider: an e-mail without an
//! account lands back on the sign-in page with the message; the registered admin clicks "Entrar
//! com Google", lands signed in on the panel, and sees the linked account on the security page.

use std::net::SocketAddr;
use std::path::PathBuf;

use crate::browser::{Driver, click, wait_for_path, wait_for_text};
use crate::helpers::google::{Account, FakeGoogle, Tamper};
use crate::helpers::{CNPJ_A, Options, TestApp};

/// The server with the built SPA and Google through `google`, on a free port that is also its
/// OFICINA_PUBLIC_URL (the redirect URI must lead back to it).
async fn app_with_google(google: &FakeGoogle) -> (TestApp, SocketAddr) {
    let dist = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../dist");
    assert!(dist.join("index.html").exists(), "build the web app first: cargo xtask test (or trunk build)");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let public_url: &'static str = Box::leak(format!("http://{addr}").into_boxed_str());
    let app = TestApp::spawn_with(Options {
        web_dir: Some(dist),
        public_url: Some(public_url),
        google: Some(google.config()),
        ..Options::default()
    })
    .await;
    let service = app.router.clone().into_make_service_with_connect_info::<SocketAddr>();
    tokio::spawn(async move { axum::serve(listener, service).await });
    (app, addr)
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs the built SPA and chromium; run by cargo xtask test"]
async fn browser_signs_in_with_google_through_the_provider() {
    let google = FakeGoogle::start().await;
    let (app, addr) = app_with_google(&google).await;
    app.register(CNPJ_A, "ze@example.com").await;
    let driver = Driver::start().await;
    let browser = driver.browser().await;

    google.next_sign_in(Account::verified("sub-desconhecido", "ninguem@gmail.com"), Tamper::default());
    browser.goto(&format!("http://{addr}/entrar")).await.unwrap();
    click(&browser, "[data-test=google-sign-in]").await;
    wait_for_text(&browser, "[data-test=google-error]", "Não há conta com o e-mail").await;
    wait_for_path(&browser, "/entrar").await;

    google.next_sign_in(Account::verified("sub-ze", "ze@example.com"), Tamper::default());
    click(&browser, "[data-test=google-sign-in]").await;
    wait_for_path(&browser, "/painel").await;
    browser.goto(&format!("http://{addr}/painel/seguranca")).await.unwrap();
    wait_for_text(&browser, "[data-test=google-linked]", "ze@example.com").await;
    wait_for_text(&browser, "[data-test=sign-in-row]", "Google").await;
    browser.close().await.unwrap();
}
