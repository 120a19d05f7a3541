//! MFA for staff (TOTP, RFC 6238) and the sign-in history: enrolment with a code computed here
//! from the secret, sign-in with MFA_REQUIRED and a challenge, replayed and wrong codes, expired
//! challenges, single-use recovery codes, turning MFA off, the workshop's requirement, and who
//! reads whose history; on SQLite, and on Postgres with Redis for the limits when configured.

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Request, header};
use chrono::{Duration, Utc};
use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use oficina_domain::identity::code_at;
use oficina_domain::schema::mfa_challenges;
use serde_json::{Value, json};

use crate::helpers::{CNPJ_A, CNPJ_B, Options, PASSWORD, Response, TestApp, contract, redis_available};

const ADMIN: &str = "admin@example.com";
const BROWSER: &str = "Mozilla/5.0 (X11; Linux x86_64) Teste";

/// Unix seconds now, shifted by `steps` 30-second steps.
pub(crate) fn code(secret: &str, steps: i64) -> String {
    let at = Utc::now().timestamp() + steps * 30;
    code_at(secret, u64::try_from(at).unwrap()).unwrap()
}

/// Runs the contract operation `name` from `ip` with the test browser's user agent.
async fn op_as_browser(app: &TestApp, ip: &str, name: &str, variables: Value) -> Response {
    let peer = std::net::SocketAddr::new(ip.parse().unwrap(), 40_000);
    let body = json!({ "query": contract::operation(name), "variables": variables }).to_string();
    let request = Request::post("/graphql")
        .extension(ConnectInfo(peer))
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::USER_AGENT, BROWSER)
        .body(Body::from(body))
        .unwrap();
    app.send(request).await
}

/// Enrols the holder of `token`: returns the secret and the recovery codes.
pub(crate) async fn enrol(app: &TestApp, token: &str) -> (String, Vec<String>) {
    let started = app.op("StartTotpEnrolment", json!({}), Some(token)).await;
    let enrolment = &started.data()["startTotpEnrolment"];
    let secret = enrolment["secret"].as_str().unwrap().to_owned();
    let uri = enrolment["otpauthUri"].as_str().unwrap();
    assert!(uri.starts_with("otpauth://totp/") && uri.contains(&format!("secret={secret}")), "{uri}");
    let confirmed = app.op("ConfirmTotpEnrolment", json!({ "code": code(&secret, 0) }), Some(token)).await;
    let codes: Vec<String> = confirmed.data()["confirmTotpEnrolment"]["recoveryCodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap().to_owned())
        .collect();
    (secret, codes)
}

/// Signs in with the right password and expects MFA_REQUIRED; returns the challenge.
async fn challenge(app: &TestApp, email: &str) -> String {
    let response =
        op_as_browser(app, "203.0.113.7", "SignIn", json!({ "email": email, "password": PASSWORD })).await;
    response.assert_error("MFA_REQUIRED", None);
    assert!(
        response.body["data"].is_null() || response.body["data"]["signIn"].is_null(),
        "{:#}",
        response.body
    );
    response.body["errors"][0]["extensions"]["challenge"].as_str().unwrap().to_owned()
}

async fn complete(app: &TestApp, challenge: &str, code: &str) -> Response {
    op_as_browser(app, "203.0.113.7", "CompleteMfaSignIn", json!({ "challenge": challenge, "code": code }))
        .await
}

#[tokio::test]
async fn enrol_then_sign_in_with_a_code_once() {
    let app = TestApp::spawn().await;
    let admin = app.register(CNPJ_A, ADMIN).await;
    let (secret, recovery) = enrol(&app, &admin).await;
    assert_eq!(recovery.len(), 10);

    // The password alone opens no session now.
    let first = challenge(&app, ADMIN).await;
    // A wrong code is refused, the challenge stays good.
    complete(&app, &first, "000000").await.assert_error("BAD_USER_INPUT", Some("code"));
    let next_step = code(&secret, 1);
    let signed_in = complete(&app, &first, &next_step).await;
    let token = signed_in.data()["completeMfaSignIn"]["token"].as_str().unwrap().to_owned();
    assert_eq!(signed_in.data()["completeMfaSignIn"]["membership"]["role"], "ADMIN");
    app.op("Me", json!({}), Some(&token)).await.data();

    // The challenge opens one session; the same code never works twice.
    complete(&app, &first, &code(&secret, 1)).await.assert_error("BAD_USER_INPUT", Some("challenge"));
    let second = challenge(&app, ADMIN).await;
    complete(&app, &second, &next_step).await.assert_error("BAD_USER_INPUT", Some("code"));
    // Nor does a code of an earlier step than one used.
    complete(&app, &second, &code(&secret, 0)).await.assert_error("BAD_USER_INPUT", Some("code"));

    // A recovery code works once, typed in any case.
    let recovery_code = recovery[0].to_lowercase();
    complete(&app, &second, &recovery_code).await.data();
    let third = challenge(&app, ADMIN).await;
    complete(&app, &third, &recovery_code).await.assert_error("BAD_USER_INPUT", Some("code"));
    complete(&app, &third, &recovery[1]).await.data();
}

#[tokio::test]
async fn an_expired_challenge_is_refused() {
    let app = TestApp::spawn().await;
    let admin = app.register(CNPJ_A, ADMIN).await;
    let (_, recovery) = enrol(&app, &admin).await;
    let stale = challenge(&app, ADMIN).await;
    let mut pooled = app.state.db.get().await.unwrap();
    oficina_domain::run!(&mut pooled.conn(), |c| {
        diesel::update(mfa_challenges::table)
            .set(mfa_challenges::expires_at.eq(Utc::now().naive_utc() - Duration::seconds(1)))
            .execute(c)
            .await
    })
    .unwrap();
    complete(&app, &stale, &recovery[0]).await.assert_error("BAD_USER_INPUT", Some("challenge"));
    complete(&app, "no-such-challenge", &recovery[0]).await.assert_error("BAD_USER_INPUT", Some("challenge"));
    // The recovery code was not spent on the stale challenge.
    let fresh = challenge(&app, ADMIN).await;
    complete(&app, &fresh, &recovery[0]).await.data();
}

#[tokio::test]
async fn wrong_codes_are_rate_limited() {
    let mut apps = vec![TestApp::spawn().await];
    if redis_available() {
        let namespace = format!("oficina-test-mfa-{}", std::process::id());
        apps.push(
            TestApp::spawn_with(Options { redis_namespace: Some(namespace), ..Options::default() }).await,
        );
    }
    for app in apps {
        let admin = app.register(CNPJ_A, ADMIN).await;
        let (_, recovery) = enrol(&app, &admin).await;
        let challenge = challenge(&app, ADMIN).await;
        for _ in 0..5 {
            complete(&app, &challenge, "999999").await.assert_error("BAD_USER_INPUT", Some("code"));
        }
        // Beyond 5 wrong codes on one challenge, not even a right one is checked.
        complete(&app, &challenge, &recovery[0]).await.assert_error("RATE_LIMITED", None);
    }
}

#[tokio::test]
async fn enrolment_needs_a_right_code_and_disabling_a_current_one() {
    let app = TestApp::spawn().await;
    let admin = app.register(CNPJ_A, ADMIN).await;
    let started = app.op("StartTotpEnrolment", json!({}), Some(&admin)).await;
    let secret = started.data()["startTotpEnrolment"]["secret"].as_str().unwrap().to_owned();
    app.op("ConfirmTotpEnrolment", json!({ "code": "123456x" }), Some(&admin))
        .await
        .assert_error("BAD_USER_INPUT", Some("code"));
    // A pending enrolment does not ask for a code at sign-in.
    app.sign_in(ADMIN).await;
    app.op("ConfirmTotpEnrolment", json!({ "code": code(&secret, 0) }), Some(&admin)).await.data();
    app.op("StartTotpEnrolment", json!({}), Some(&admin)).await.assert_error("CONFLICT", None);

    app.op("DisableTotp", json!({ "code": "000000" }), Some(&admin))
        .await
        .assert_error("BAD_USER_INPUT", Some("code"));
    let disabled = app.op("DisableTotp", json!({ "code": code(&secret, 1) }), Some(&admin)).await;
    assert_eq!(disabled.data()["disableTotp"], true);
    // Signing in takes the password alone again.
    app.sign_in(ADMIN).await;
    app.op("DisableTotp", json!({ "code": code(&secret, 1) }), Some(&admin))
        .await
        .assert_error("NOT_FOUND", None);
}

#[tokio::test]
async fn customers_cannot_enrol_and_only_admins_require_mfa() {
    let app = TestApp::spawn().await;
    let admin = app.register(CNPJ_A, ADMIN).await;
    let mechanic = app.add_staff(&admin, "mec@example.com", "MECHANIC").await;
    app.op("SetMfaRequired", json!({ "required": true }), Some(&mechanic))
        .await
        .assert_error("FORBIDDEN", None);
    app.op("StartTotpEnrolment", json!({}), None).await.assert_error("UNAUTHENTICATED", None);
    // A mechanic may enrol.
    app.op("StartTotpEnrolment", json!({}), Some(&mechanic)).await.data();
    let customer_id = app.insert_customer(app.workshop_id(&admin).await, "Maria Silva", "52998224725").await;
    let invitation = app.invitation_token(&admin, &customer_id.to_string(), "maria@example.com").await;
    let accepted =
        app.op("AcceptInvitation", json!({ "token": invitation, "password": PASSWORD }), None).await;
    let customer = accepted.data()["acceptInvitation"]["token"].as_str().unwrap().to_owned();
    app.op("StartTotpEnrolment", json!({}), Some(&customer)).await.assert_error("FORBIDDEN", None);
}

#[tokio::test]
async fn when_required_staff_without_mfa_can_only_enrol() {
    let app = TestApp::spawn().await;
    let admin = app.register(CNPJ_A, ADMIN).await;
    // The ADMIN who requires it has it first.
    app.op("SetMfaRequired", json!({ "required": true }), Some(&admin)).await.assert_error("CONFLICT", None);
    enrol(&app, &admin).await;
    let set = app.op("SetMfaRequired", json!({ "required": true }), Some(&admin)).await;
    assert_eq!(set.data()["setMfaRequired"]["mfaRequired"], true);
    add_operator(&app, &admin).await;
    let operator = app.sign_in("op@example.com").await;
    app.op("Customers", json!({}), Some(&operator)).await.assert_error("MFA_ENROLMENT_REQUIRED", None);
    app.op("Me", json!({}), Some(&operator)).await.data();
    let (secret, _) = enrol(&app, &operator).await;
    // Enrolled: the same session works, and the next sign-in asks for the code.
    app.op("Customers", json!({}), Some(&operator)).await.data();
    let next = challenge(&app, "op@example.com").await;
    complete(&app, &next, &code(&secret, 1)).await.data();
    // Not required any more: nothing changes for who enrolled.
    let unset = app.op("SetMfaRequired", json!({ "required": false }), Some(&admin)).await;
    assert_eq!(unset.data()["setMfaRequired"]["mfaRequired"], false);
}

/// Adds the OPERATOR op@example.com (before signing in as them).
async fn add_operator(app: &TestApp, admin: &str) {
    let input = json!({ "name": "Olga Operadora", "email": "op@example.com", "password": PASSWORD, "role": "OPERATOR" });
    app.op("AddStaff", json!({ "input": input }), Some(admin)).await.data();
}

#[tokio::test]
async fn the_history_records_every_attempt_with_address_and_browser() {
    let app = TestApp::spawn().await;
    let admin = app.register(CNPJ_A, ADMIN).await;
    let (secret, _) = enrol(&app, &admin).await;
    op_as_browser(&app, "198.51.100.4", "SignIn", json!({ "email": ADMIN, "password": "errada-errada" }))
        .await
        .assert_error("UNAUTHENTICATED", None);
    let pending = challenge(&app, ADMIN).await;
    complete(&app, &pending, "000000").await.assert_error("BAD_USER_INPUT", Some("code"));
    complete(&app, &pending, &code(&secret, 1)).await.data();

    let history = app.op("SignInHistory", json!({ "first": 10 }), Some(&admin)).await;
    let rows: Vec<(String, String, String, bool)> = history.data()["signInHistory"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let n = &e["node"];
            (
                n["ip"].as_str().unwrap().to_owned(),
                n["userAgent"].as_str().unwrap().to_owned(),
                n["method"].as_str().unwrap().to_owned(),
                n["succeeded"].as_bool().unwrap(),
            )
        })
        .collect();
    let row = |ip: &str, method: &str, ok: bool| (ip.to_owned(), BROWSER.to_owned(), method.to_owned(), ok);
    // Newest first; the registration opened a session but was no sign-in.
    assert_eq!(
        rows,
        vec![
            row("203.0.113.7", "MFA", true),
            row("203.0.113.7", "MFA", false),
            row("203.0.113.7", "PASSWORD", true),
            row("198.51.100.4", "PASSWORD", false),
        ]
    );
    // Pages: two, then the rest after the second's cursor.
    let page = app.op("SignInHistory", json!({ "first": 2 }), Some(&admin)).await;
    let edges = page.data()["signInHistory"]["edges"].as_array().unwrap().clone();
    assert_eq!(edges.len(), 2);
    let query = "query($after: String) { signInHistory(first: 2, after: $after) { edges { cursor node { method succeeded } } } }";
    let first_two = app.graphql(query, json!({ "after": null }), Some(&admin)).await;
    let after = first_two.data()["signInHistory"]["edges"][1]["cursor"].as_str().unwrap().to_owned();
    let rest = app.graphql(query, json!({ "after": after }), Some(&admin)).await;
    let rest = rest.data()["signInHistory"]["edges"].as_array().unwrap().clone();
    assert_eq!(rest.len(), 2);
    assert_eq!(rest[1]["node"]["succeeded"], false);
}

#[tokio::test]
async fn an_admin_reads_the_staffs_history_and_no_one_elses() {
    let app = TestApp::spawn().await;
    let admin = app.register(CNPJ_A, ADMIN).await;
    let mechanic = app.add_staff(&admin, "mec@example.com", "MECHANIC").await;
    let other = app.register(CNPJ_B, "outra@example.com").await;
    let me = app.op("Me", json!({}), Some(&mechanic)).await;
    let mechanic_id = me.data()["me"]["id"].as_str().unwrap().to_owned();
    let admin_id =
        app.op("Me", json!({}), Some(&admin)).await.data()["me"]["id"].as_str().unwrap().to_owned();
    let query = "query($userId: ID) { signInHistory(first: 5, userId: $userId) { edges { node { method succeeded } } } }";
    let seen = app.graphql(query, json!({ "userId": mechanic_id }), Some(&admin)).await;
    assert_eq!(seen.data()["signInHistory"]["edges"][0]["node"]["method"], "PASSWORD");
    app.graphql(query, json!({ "userId": admin_id }), Some(&mechanic)).await.assert_error("FORBIDDEN", None);
    // Another workshop's ADMIN: NOT_FOUND, as for any id of another workshop.
    let elsewhere = app.graphql(query, json!({ "userId": mechanic_id }), Some(&other)).await;
    elsewhere.assert_error("NOT_FOUND", None);
    // A user of no workshop of theirs (the other ADMIN), and a nonsense id, the same.
    let other_id =
        app.op("Me", json!({}), Some(&other)).await.data()["me"]["id"].as_str().unwrap().to_owned();
    app.graphql(query, json!({ "userId": other_id }), Some(&admin)).await.assert_error("NOT_FOUND", None);
    app.graphql(query, json!({ "userId": "999999" }), Some(&admin)).await.assert_error("NOT_FOUND", None);
    // An OPERATOR cannot read anyone else's; signed out, nobody's.
    let operator = app.add_staff(&admin, "op@example.com", "OPERATOR").await;
    let refused = app.graphql(query, json!({ "userId": mechanic_id }), Some(&operator)).await;
    refused.assert_error("FORBIDDEN", None);
    app.graphql(query, json!({ "userId": mechanic_id }), None).await.assert_error("UNAUTHENTICATED", None);
    // The staff list gives the user id the history takes.
    let staff = app.graphql("{ staff { userId email } }", json!({}), Some(&admin)).await;
    let listed =
        staff.data()["staff"].as_array().unwrap().iter().find(|m| m["email"] == "mec@example.com").cloned();
    assert_eq!(listed.unwrap()["userId"], mechanic_id.as_str());
    // Paged with `after` as for their own.
    app.sign_in("mec@example.com").await;
    app.sign_in("mec@example.com").await;
    let paged = "query($userId: ID, $after: String) { signInHistory(first: 2, userId: $userId, after: $after) \
        { edges { cursor } pageInfo { hasNextPage } } }";
    let first = app.graphql(paged, json!({ "userId": mechanic_id }), Some(&admin)).await;
    assert_eq!(first.data()["signInHistory"]["pageInfo"]["hasNextPage"], true);
    let after = first.data()["signInHistory"]["edges"][1]["cursor"].clone();
    let rest = app.graphql(paged, json!({ "userId": mechanic_id, "after": after }), Some(&admin)).await;
    assert_eq!(rest.data()["signInHistory"]["edges"].as_array().unwrap().len(), 1);
    assert_eq!(rest.data()["signInHistory"]["pageInfo"]["hasNextPage"], false);
}

#[tokio::test]
async fn the_history_costs_the_same_statements_for_any_page() {
    let app = TestApp::counting_statements().await;
    let admin = app.register(CNPJ_A, ADMIN).await;
    let query = "{ signInHistory(first: 50) { edges { node { at ip userAgent method succeeded } } } }";
    let check = |r: &Response| {
        r.data();
    };
    app.sign_in(ADMIN).await;
    let with_one = app.fewest_statements(query, json!({}), &admin, check).await;
    for _ in 0..5 {
        app.sign_in(ADMIN).await;
    }
    assert_eq!(app.fewest_statements(query, json!({}), &admin, check).await, with_one);
    assert!(with_one <= 2, "{with_one} statements");
}
