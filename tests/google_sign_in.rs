//! Sign in with Google through a fake provider (tests/helpers/google.rs) that checks the code,
//! the PKCE verifier, the redirect URI and the client's credentials: the happy path, every way
//! the state or the id token can be wrong, no account, linking and unlinking, MFA, and the
//! feature off; on SQLite, and on Postgres when `TEST_DATABASE_URL` is set.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use oficina_domain::schema::{oauth_flows, users};
use serde_json::{Value, json};

use crate::demo::demo_sign_in;
use crate::helpers::google::{Account, CLIENT_ID, FakeGoogle, Tamper, parse_query};
use crate::helpers::{CNPJ_A, CNPJ_B, Options, PUBLIC_URL, TestApp};
use crate::mfa::{code, enrol};
use crate::service_order_access::{OK, ROLES, UNAUTHENTICATED};

const ADMIN: &str = "admin@example.com";
const METHODS: &str = "{ signInMethods { password google { email linkedAt } } }";
const UNLINK: &str = "mutation { unlinkGoogle { password google { email } } }";

/// Where the app sent the browser after a callback, and the session it opened.
#[derive(Debug)]
pub(crate) struct Landing {
    pub location: String,
    pub session: Option<String>,
}

/// An app with sign in with Google through a new fake provider.
pub(crate) async fn app_with_google() -> (TestApp, FakeGoogle) {
    let google = FakeGoogle::start().await;
    let app = TestApp::spawn_with(Options { google: Some(google.config()), ..Options::default() }).await;
    (app, google)
}

/// The value of the `Set-Cookie` named `name` in `headers`, if any.
fn set_cookie(headers: &axum::http::HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with(&format!("{name}=")))
        .map(str::to_owned)
}

fn cookie_value(set_cookie: &str) -> String {
    set_cookie.split(';').next().unwrap().split_once('=').unwrap().1.to_owned()
}

/// `GET /auth/google/start`, signed in as `session` to link: Google's authorization URL and
/// the flow cookie (`name=value`).
pub(crate) async fn start(app: &TestApp, session: Option<&str>) -> (String, String) {
    let path = if session.is_some() { "/auth/google/start?link=1" } else { "/auth/google/start" };
    let mut request = Request::get(path);
    if let Some(token) = session {
        request = request
            .header(header::COOKIE, format!("oficina_session={token}"))
            .header("x-oficina-client", "web");
    }
    let response = app.send(request.body(Body::empty()).unwrap()).await;
    assert_eq!(response.status, StatusCode::SEE_OTHER, "{:?}", response.body);
    let location = response.headers[header::LOCATION].to_str().unwrap().to_owned();
    let flow = set_cookie(&response.headers, "oficina_google_flow")
        .unwrap_or_else(|| panic!("no flow cookie: {location}"));
    (location, flow.split(';').next().unwrap().to_owned())
}

/// `GET` the callback URL Google sent the browser to, with these cookies.
pub(crate) async fn callback(app: &TestApp, url: &str, flow: Option<&str>, session: Option<&str>) -> Landing {
    let path = url.strip_prefix(PUBLIC_URL).unwrap_or(url);
    let cookies: Vec<String> =
        flow.map(str::to_owned).into_iter().chain(session.map(|t| format!("oficina_session={t}"))).collect();
    let mut request = Request::get(path).header(header::USER_AGENT, "Navegador de Teste");
    if !cookies.is_empty() {
        request = request.header(header::COOKIE, cookies.join("; "));
    }
    let response = app.send(request.body(Body::empty()).unwrap()).await;
    assert_eq!(response.status, StatusCode::SEE_OTHER, "{:?}", response.body);
    let cleared = set_cookie(&response.headers, "oficina_google_flow").expect("the flow cookie is removed");
    assert!(cleared.contains("Max-Age=0"), "{cleared}");
    Landing {
        location: response.headers[header::LOCATION].to_str().unwrap().to_owned(),
        session: set_cookie(&response.headers, "oficina_session").map(|c| cookie_value(&c)),
    }
}

/// The whole dance: start, Google as `account` (tampered as `tamper` says), callback.
pub(crate) async fn google_sign_in(
    app: &TestApp,
    google: &FakeGoogle,
    account: Account,
    tamper: Tamper,
) -> Landing {
    let (authorize, flow) = start(app, None).await;
    google.next_sign_in(account, tamper);
    let back = google.authorize(&authorize).expect("the fake authorizes");
    callback(app, &back, Some(&flow), None).await
}

async fn history(app: &TestApp, token: &str) -> Vec<Value> {
    let response = app.op("SignInHistory", json!({ "first": 10 }), Some(token)).await;
    response.data()["signInHistory"]["edges"].as_array().unwrap().iter().map(|e| e["node"].clone()).collect()
}

#[tokio::test]
async fn a_verified_google_account_signs_in_to_the_user_with_its_email_and_links_it() {
    let (app, google) = app_with_google().await;
    let admin = app.register(CNPJ_A, ADMIN).await;
    let (authorize, flow) = start(&app, None).await;
    assert!(flow.starts_with("oficina_google_flow="));
    let params = parse_query(authorize.split_once('?').unwrap().1);
    assert!(authorize.starts_with(&format!("{}/authorize?", google.base_url)), "{authorize}");
    assert_eq!(params["redirect_uri"], format!("{PUBLIC_URL}/auth/google/callback"));
    assert_eq!((params["client_id"].as_str(), params["code_challenge_method"].as_str()), (CLIENT_ID, "S256"));
    assert!(params["state"].len() >= 43 && params["nonce"].len() >= 20, "{params:?}");

    google.next_sign_in(Account::verified("google-sub-1", ADMIN), Tamper::default());
    let landing = callback(&app, &google.authorize(&authorize).unwrap(), Some(&flow), None).await;
    assert_eq!(landing.location, "/painel");
    let session = landing.session.expect("a session");
    let me = app.op("Me", json!({}), Some(&session)).await;
    assert_eq!(me.data()["me"]["email"], ADMIN);
    let rows = history(&app, &session).await;
    assert_eq!(
        (&rows[0]["method"], &rows[0]["succeeded"], &rows[0]["userAgent"]),
        (&json!("GOOGLE"), &json!(true), &json!("Navegador de Teste"))
    );
    let methods = app.graphql(METHODS, json!({}), Some(&admin)).await;
    assert_eq!(methods.data()["signInMethods"]["password"], true);
    assert_eq!(methods.data()["signInMethods"]["google"]["email"], ADMIN);

    // Linked by its subject: a changed e-mail at Google still signs in to the same user, and
    // the keys are fetched once.
    let again =
        google_sign_in(&app, &google, Account::verified("google-sub-1", "novo@gmail.com"), Tamper::default())
            .await;
    let me = app.op("Me", json!({}), again.session.as_deref()).await;
    assert_eq!(me.data()["me"]["email"], ADMIN);
    assert_eq!(google.jwks_fetches(), 1);
}

#[tokio::test]
async fn a_tampered_missing_or_foreign_state_signs_nobody_in_and_a_state_works_once() {
    let (app, google) = app_with_google().await;
    app.register(CNPJ_A, ADMIN).await;
    let (authorize, flow) = start(&app, None).await;
    let (_, other_browser) = start(&app, None).await;
    google.next_sign_in(Account::verified("sub-a", ADMIN), Tamper::default());
    let back = google.authorize(&authorize).unwrap();
    let tampered = back.replace("state=", "state=x");
    for (url, cookie) in
        [(&tampered, Some(flow.as_str())), (&back, None), (&back, Some(other_browser.as_str()))]
    {
        let landing = callback(&app, url, cookie, None).await;
        assert_eq!(
            (landing.location.as_str(), &landing.session),
            ("/entrar?google_error=state", &None),
            "{url} {cookie:?}"
        );
    }
    assert!(google.refusals().is_empty(), "no code went to Google");
    let landing = callback(&app, &back, Some(&flow), None).await;
    assert_eq!(landing.location, "/painel");
    // Replayed: the state is used.
    let replayed = callback(&app, &back, Some(&flow), None).await;
    assert_eq!((replayed.location.as_str(), replayed.session), ("/entrar?google_error=state", None));
    // The code is used too: with a fresh state, Google refuses it.
    let (authorize, flow) = start(&app, None).await;
    let fresh_state = &parse_query(authorize.split_once('?').unwrap().1)["state"];
    let code = &parse_query(back.split_once('?').unwrap().1)["code"];
    let forged = format!("{PUBLIC_URL}/auth/google/callback?code={code}&state={fresh_state}");
    let landing = callback(&app, &forged, Some(&flow), None).await;
    assert_eq!((landing.location.as_str(), landing.session), ("/entrar?google_error=token", None));
    assert_eq!(google.refusals(), vec!["code used already".to_owned()]);
}

#[tokio::test]
async fn an_expired_flow_or_a_declined_consent_lands_back_with_its_error() {
    let (app, google) = app_with_google().await;
    app.register(CNPJ_A, ADMIN).await;
    let (authorize, flow) = start(&app, None).await;
    google.next_sign_in(Account::verified("sub-a", ADMIN), Tamper::default());
    let back = google.authorize(&authorize).unwrap();
    let mut pooled = app.state.db.get().await.unwrap();
    let past = chrono::Utc::now().naive_utc() - chrono::Duration::minutes(1);
    oficina_domain::run!(&mut pooled.conn(), |c| {
        diesel::update(oauth_flows::table).set(oauth_flows::expires_at.eq(past)).execute(c).await
    })
    .unwrap();
    let landing = callback(&app, &back, Some(&flow), None).await;
    assert_eq!((landing.location.as_str(), landing.session), ("/entrar?google_error=expired", None));

    let (authorize, flow) = start(&app, None).await;
    let state = &parse_query(authorize.split_once('?').unwrap().1)["state"];
    let denied = format!("{PUBLIC_URL}/auth/google/callback?error=access_denied&state={state}");
    let landing = callback(&app, &denied, Some(&flow), None).await;
    assert_eq!((landing.location.as_str(), landing.session), ("/entrar?google_error=denied", None));
}

#[tokio::test]
async fn an_id_token_with_a_wrong_claim_or_key_or_an_unverified_email_is_refused() {
    let (app, google) = app_with_google().await;
    let admin = app.register(CNPJ_A, ADMIN).await;
    let account = || Account::verified("sub-a", ADMIN);
    let cases = [
        ("audience", Tamper { audience: Some("another-client".into()), ..Tamper::default() }),
        ("issuer", Tamper { issuer: Some("https://evil.example".into()), ..Tamper::default() }),
        ("expired", Tamper { expired: true, ..Tamper::default() }),
        ("nonce", Tamper { nonce: Some("another-nonce".into()), ..Tamper::default() }),
        ("bad signature", Tamper { bad_signature: true, ..Tamper::default() }),
        ("unknown kid", Tamper { unknown_kid: true, ..Tamper::default() }),
    ];
    for (case, tamper) in cases {
        let landing = google_sign_in(&app, &google, account(), tamper).await;
        assert_eq!(
            (landing.location.as_str(), landing.session),
            ("/entrar?google_error=token", None),
            "{case}"
        );
    }
    // An unknown key id made the app fetch the keys again, once.
    assert_eq!(google.jwks_fetches(), 2);
    let unverified = Account { email_verified: false, ..account() };
    let landing = google_sign_in(&app, &google, unverified, Tamper::default()).await;
    assert_eq!((landing.location.as_str(), landing.session), ("/entrar?google_error=email_unverified", None));
    // Nothing was linked, and no Google sign-in is in the history.
    let methods = app.graphql(METHODS, json!({}), Some(&admin)).await;
    assert_eq!(methods.data()["signInMethods"]["google"], Value::Null);
    assert!(history(&app, &admin).await.iter().all(|row| row["method"] != "GOOGLE"));
}

#[tokio::test]
async fn an_email_without_an_account_gets_no_account() {
    let (app, google) = app_with_google().await;
    app.register(CNPJ_A, ADMIN).await;
    let landing =
        google_sign_in(&app, &google, Account::verified("sub-x", "ninguem@gmail.com"), Tamper::default())
            .await;
    assert_eq!((landing.location.as_str(), landing.session), ("/entrar?google_error=no_account", None));
}

#[tokio::test]
async fn a_user_links_and_unlinks_google_but_not_their_last_way_in() {
    let (app, google) = app_with_google().await;
    let admin = app.register(CNPJ_A, ADMIN).await;
    let (authorize, flow) = start(&app, Some(&admin)).await;
    google.next_sign_in(Account::verified("sub-link", "jose.pessoal@gmail.com"), Tamper::default());
    let back = google.authorize(&authorize).unwrap();
    // The link needs the session that asked for it.
    let landing = callback(&app, &back, Some(&flow), None).await;
    assert_eq!(landing.location, "/painel/seguranca?google_error=session");
    let (authorize, flow) = start(&app, Some(&admin)).await;
    google.next_sign_in(Account::verified("sub-link", "jose.pessoal@gmail.com"), Tamper::default());
    let back = google.authorize(&authorize).unwrap();
    let landing = callback(&app, &back, Some(&flow), Some(&admin)).await;
    assert_eq!((landing.location.as_str(), landing.session), ("/painel/seguranca?google=linked", None));
    let methods = app.graphql(METHODS, json!({}), Some(&admin)).await;
    assert_eq!(methods.data()["signInMethods"]["google"]["email"], "jose.pessoal@gmail.com");
    // The linked account signs in, whatever its e-mail.
    let landing = google_sign_in(
        &app,
        &google,
        Account::verified("sub-link", "jose.pessoal@gmail.com"),
        Tamper::default(),
    )
    .await;
    assert_eq!(landing.location, "/painel");

    let unlinked = app.graphql(UNLINK, json!({}), Some(&admin)).await;
    assert_eq!(unlinked.data()["unlinkGoogle"], json!({ "password": true, "google": null }));
    app.graphql(UNLINK, json!({}), Some(&admin)).await.assert_error("NOT_FOUND", None);

    // Without a password, Google is the only way in: unlinking it is refused.
    let landing =
        google_sign_in(&app, &google, Account::verified("sub-link", ADMIN), Tamper::default()).await;
    assert_eq!(landing.location, "/painel");
    let mut pooled = app.state.db.get().await.unwrap();
    oficina_domain::run!(&mut pooled.conn(), |c| {
        diesel::update(users::table).set(users::password_hash.eq(None::<String>)).execute(c).await
    })
    .unwrap();
    let events = app.event_count().await;
    app.graphql(UNLINK, json!({}), Some(&admin)).await.assert_error("CONFLICT", Some("google"));
    assert_eq!(app.event_count().await, events, "nothing changed");
    let methods = app.graphql(METHODS, json!({}), Some(&admin)).await;
    assert_eq!(methods.data()["signInMethods"]["password"], false);
    assert_eq!(methods.data()["signInMethods"]["google"]["email"], ADMIN);
}

#[tokio::test]
async fn a_google_account_linked_to_another_user_is_a_conflict() {
    let (app, google) = app_with_google().await;
    app.register(CNPJ_A, ADMIN).await;
    let other = app.register(CNPJ_B, "outra@example.com").await;
    google_sign_in(&app, &google, Account::verified("sub-shared", ADMIN), Tamper::default()).await;
    let (authorize, flow) = start(&app, Some(&other)).await;
    google.next_sign_in(Account::verified("sub-shared", ADMIN), Tamper::default());
    let landing = callback(&app, &google.authorize(&authorize).unwrap(), Some(&flow), Some(&other)).await;
    assert_eq!(landing.location, "/painel/seguranca?google_error=linked_elsewhere");
    let methods = app.graphql(METHODS, json!({}), Some(&other)).await;
    assert_eq!(methods.data()["signInMethods"]["google"], Value::Null);
}

#[tokio::test]
async fn a_user_with_mfa_gets_the_code_step_after_google() {
    let (app, google) = app_with_google().await;
    let admin = app.register(CNPJ_A, ADMIN).await;
    let (secret, _) = enrol(&app, &admin).await;
    let landing = google_sign_in(&app, &google, Account::verified("sub-mfa", ADMIN), Tamper::default()).await;
    assert_eq!(landing.session, None);
    let challenge = landing.location.strip_prefix("/entrar#mfa=").expect("the MFA step").to_owned();
    let done =
        app.op("CompleteMfaSignIn", json!({ "challenge": challenge, "code": code(&secret, 1) }), None).await;
    let token = done.data()["completeMfaSignIn"]["token"].as_str().unwrap().to_owned();
    let rows = history(&app, &token).await;
    assert_eq!((&rows[1]["method"], &rows[1]["succeeded"]), (&json!("GOOGLE"), &json!(true)));
    assert_eq!(rows[0]["method"], "MFA");
}

#[tokio::test]
async fn without_a_client_id_google_is_off() {
    let app = TestApp::spawn().await;
    let enabled = app.graphql("{ googleSignInEnabled }", json!({}), None).await;
    assert_eq!(enabled.data()["googleSignInEnabled"], false);
    let response = app.send(Request::get("/auth/google/start").body(Body::empty()).unwrap()).await;
    assert_eq!(response.status, StatusCode::SEE_OTHER);
    assert_eq!(response.headers[header::LOCATION], "/entrar?google_error=disabled");
    assert!(set_cookie(&response.headers, "oficina_google_flow").is_none());
    let (app, _google) = app_with_google().await;
    let enabled = app.graphql("{ googleSignInEnabled }", json!({}), None).await;
    assert_eq!(enabled.data()["googleSignInEnabled"], true);
}

#[tokio::test]
async fn the_flow_cookie_is_http_only_lax_and_short_lived() {
    let (app, _google) = app_with_google().await;
    let response = app.send(Request::get("/auth/google/start").body(Body::empty()).unwrap()).await;
    let cookie = set_cookie(&response.headers, "oficina_google_flow").unwrap();
    for attribute in ["HttpOnly", "SameSite=Lax", "Path=/", "Max-Age=600"] {
        assert!(cookie.contains(attribute), "{attribute} in {cookie}");
    }
    // Starting a link needs a session.
    let response = app.send(Request::get("/auth/google/start?link=1").body(Body::empty()).unwrap()).await;
    assert_eq!(response.headers[header::LOCATION], "/painel/seguranca?google_error=session");
}

#[tokio::test(flavor = "multi_thread")]
async fn every_role_reads_its_sign_in_methods_and_unlinks_only_its_own() {
    let google = FakeGoogle::start().await;
    let app =
        TestApp::spawn_with(Options { demo: true, google: Some(google.config()), ..Options::default() })
            .await;
    let mut tokens = Vec::new();
    for email in ["admin", "operador", "mecanica", "cliente", "parceiro"] {
        tokens.push(Some(demo_sign_in(&app, &format!("{email}@demo.oficina.app")).await));
    }
    tokens.push(None);
    for (role, token) in ROLES.iter().zip(&tokens) {
        let token = token.as_deref();
        let expected = if token.is_some() { OK } else { UNAUTHENTICATED };
        let methods = app.graphql(METHODS, json!({}), token).await;
        let unlink = app.graphql(UNLINK, json!({}), token).await;
        let enabled = app.graphql("{ googleSignInEnabled }", json!({}), token).await;
        assert_eq!(enabled.data()["googleSignInEnabled"], true, "{role}");
        if expected != OK {
            methods.assert_error(UNAUTHENTICATED, None);
            unlink.assert_error(UNAUTHENTICATED, None);
        } else if *role == "CUSTOMER" {
            // The demo's Carlos has Google linked: he unlinks it (he has a password).
            let google = &methods.data()["signInMethods"]["google"];
            assert_eq!(google["email"], "carlos.cliente@gmail.com", "{role}");
            assert_eq!(unlink.data()["unlinkGoogle"], json!({ "password": true, "google": null }));
        } else {
            assert_eq!(
                methods.data()["signInMethods"],
                json!({ "password": true, "google": null }),
                "{role}"
            );
            // Nobody else has Google linked: NOT_FOUND, for their own user only.
            unlink.assert_error("NOT_FOUND", None);
        }
    }
    // A customer signs in with Google to the portal.
    let landing = google_sign_in(
        &app,
        &google,
        Account::verified("sub-carlos", "cliente@demo.oficina.app"),
        Tamper::default(),
    )
    .await;
    assert_eq!(landing.location, "/cliente");
}
