//! Portal access and e-mail: invitations to the customer portal, password resets, the outbox and
//! both mailers (the log file, and SendGrid played by a local server that checks each request).

use axum::http::Method;
use diesel::prelude::*;
use diesel_async::{RunQueryDsl, SimpleAsyncConnection};
use oficina_domain::Db;
use oficina_domain::schema::{events, memberships, notifications, one_time_tokens, users};
use serde_json::{Value, json};

use crate::helpers::sendgrid::{API_KEY, FakeSendGrid};
use crate::helpers::{CNPJ_A, CNPJ_B, Options, PASSWORD, PUBLIC_URL, Response, TestApp, wait_for};

const CARLA: &str = "carla@example.com";
const NEW_PASSWORD: &str = "outra-senha-segura";

/// A workshop (admin `ze@example.com`) with one customer; returns the admin's token and the customer's id.
async fn workshop_with_customer(app: &TestApp) -> (String, i64) {
    let admin = app.register(CNPJ_A, "ze@example.com").await;
    let customer = app.insert_customer(app.workshop_id(&admin).await, "Carla Cliente", "52998224725").await;
    (admin, customer)
}

async fn invite(app: &TestApp, token: &str, customer_id: impl ToString, email: &str) -> Response {
    let variables = json!({ "customerId": customer_id.to_string(), "email": email });
    app.op("InviteCustomer", variables, Some(token)).await
}

async fn accept(app: &TestApp, token: &str, password: &str) -> Response {
    app.op("AcceptInvitation", json!({ "token": token, "password": password }), None).await
}

/// The token at the end of the link to the web app's `route` in a message's text.
pub(crate) fn token_in(text: &str, route: &str) -> String {
    let prefix = format!("{PUBLIC_URL}/{route}/");
    let start = text.find(&prefix).unwrap_or_else(|| panic!("no link to /{route}/ in {text}")) + prefix.len();
    text[start..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_').collect()
}

/// Invites Carla as the admin and returns the token of the link the log mailer wrote.
async fn invite_carla(app: &TestApp, admin: &str, customer: i64) -> String {
    let sent = app.mail_log().len();
    assert_eq!(invite(app, admin, customer, CARLA).await.data()["inviteCustomer"], true);
    let mail = app.wait_for_mail(sent + 1).await;
    token_in(mail[sent]["text"].as_str().unwrap(), "convite")
}

async fn notification_count(app: &TestApp) -> i64 {
    let mut pooled = app.state.db.get().await.unwrap();
    oficina_domain::run!(&mut pooled.conn(), |c| notifications::table.count().get_result(c).await).unwrap()
}

/// Every event's kind, oldest first.
async fn event_kinds(app: &TestApp) -> Vec<String> {
    let mut pooled = app.state.db.get().await.unwrap();
    oficina_domain::run!(&mut pooled.conn(), |c| {
        events::table.order(events::id).select(events::kind).load(c).await
    })
    .unwrap()
}

/// A notification's processed_at, attempts, last_error and secret.
type OutboxRow = (Option<chrono::NaiveDateTime>, i32, Option<String>, Option<String>);

/// Waits until every notification is processed; returns each one's (attempts, last_error, secret).
/// Appointment reminders (the demo's are due days from now) and chat e-mails (the demo's customers
/// withdrew theirs) are left out.
pub(crate) async fn wait_until_processed(db: &Db) -> Vec<(i32, Option<String>, Option<String>)> {
    wait_for(
        async || {
            let mut pooled = db.get().await.unwrap();
            let rows: Vec<OutboxRow> = oficina_domain::run!(&mut pooled.conn(), |c| {
                notifications::table
                    .filter(notifications::kind.ne_all(["APPOINTMENT_REMINDER", "NEW_CHAT_MESSAGE"]))
                    .order(notifications::id)
                    .select((
                        notifications::processed_at,
                        notifications::attempts,
                        notifications::last_error,
                        notifications::secret,
                    ))
                    .load(c)
                    .await
            })
            .unwrap();
            rows.iter().all(|row| row.0.is_some()).then(|| {
                rows.into_iter().map(|(_, attempts, error, secret)| (attempts, error, secret)).collect()
            })
        },
        "the outbox to process every notification",
    )
    .await
}

#[tokio::test(flavor = "multi_thread")]
async fn an_invited_customer_sets_a_password_and_signs_in_as_customer() {
    let app = TestApp::spawn().await;
    let (admin, customer) = workshop_with_customer(&app).await;
    assert_eq!(invite(&app, &admin, customer, " Carla@Example.com ").await.data()["inviteCustomer"], true);

    let mail = app.wait_for_mail(1).await;
    let message = mail[0].as_object().unwrap();
    let mut keys: Vec<&str> = message.keys().map(String::as_str).collect();
    keys.sort();
    assert_eq!(keys, ["html", "subject", "text", "to"]);
    assert_eq!(message["to"], CARLA);
    assert_eq!(message["subject"], "Oficina ze@example.com convida você para o portal do cliente");
    let text = message["text"].as_str().unwrap();
    assert!(text.starts_with("Olá, Carla Cliente!"), "{text}");
    assert!(text.contains("vale por 7 dias"), "{text}");
    let token = token_in(text, "convite");
    assert!(token.len() >= 22, "at least 128 bits: {token}");
    let html = message["html"].as_str().unwrap();
    assert!(html.contains(&format!("<a href=\"{PUBLIC_URL}/convite/{token}\">")), "{html}");

    let accepted = accept(&app, &token, PASSWORD).await;
    let data = &accepted.data()["acceptInvitation"];
    assert_eq!(data["membership"]["role"], "CUSTOMER");
    assert_eq!(data["membership"]["workshop"]["name"], "Oficina ze@example.com");
    let cookie = accepted.headers["set-cookie"].to_str().unwrap();
    assert!(cookie.starts_with(&format!("oficina_session={}", data["token"].as_str().unwrap())), "{cookie}");
    let me = app.op("Me", json!({}), data["token"].as_str()).await;
    assert_eq!(me.data()["me"]["membership"]["role"], "CUSTOMER");
    assert_eq!(me.data()["me"]["email"], CARLA);
    assert_eq!(me.data()["me"]["name"], "Carla Cliente");

    let signed_in = app.op("SignIn", json!({ "email": CARLA, "password": PASSWORD }), None).await;
    let session = signed_in.data()["signIn"]["token"].as_str().unwrap();
    assert_eq!(app.op("Me", json!({}), Some(session)).await.data()["me"]["membership"]["role"], "CUSTOMER");

    let mut pooled = app.state.db.get().await.unwrap();
    let (linked, stored_hash): (Option<i64>, String) = oficina_domain::run!(&mut pooled.conn(), |c| {
        memberships::table
            .inner_join(users::table)
            .inner_join(one_time_tokens::table.on(one_time_tokens::email.eq(users::email)))
            .filter(users::email.eq(CARLA))
            .select((memberships::customer_id, one_time_tokens::token_hash))
            .first(c)
            .await
    })
    .unwrap();
    assert_eq!(linked, Some(customer), "the login sees the invited customer record");
    assert_eq!(stored_hash.len(), 64, "a SHA-256 in hex");
    assert_ne!(stored_hash, token, "only the token's hash is stored");
    drop(pooled);
    let kinds = event_kinds(&app).await;
    assert!(kinds.ends_with(&[
        "invitation.sent".into(),
        "invitation.accepted".into(),
        "session.started".into()
    ]));
    assert_eq!(wait_until_processed(&app.state.db).await, [(1, None, None)], "delivered once, token erased");
}

#[tokio::test(flavor = "multi_thread")]
async fn an_invitation_link_works_once() {
    let app = TestApp::spawn().await;
    let (admin, customer) = workshop_with_customer(&app).await;
    let token = invite_carla(&app, &admin, customer).await;
    accept(&app, &token, PASSWORD).await.data();
    let events = app.event_count().await;
    accept(&app, &token, PASSWORD).await.assert_error("BAD_USER_INPUT", Some("token"));
    accept(&app, &token, NEW_PASSWORD).await.assert_error("BAD_USER_INPUT", Some("token"));
    assert_eq!(app.event_count().await, events);
}

#[tokio::test(flavor = "multi_thread")]
async fn an_expired_invitation_is_refused() {
    let app = TestApp::spawn().await;
    let (admin, customer) = workshop_with_customer(&app).await;
    let token = invite_carla(&app, &admin, customer).await;
    let yesterday = chrono::Utc::now().naive_utc() - chrono::Duration::days(1);
    let mut pooled = app.state.db.get().await.unwrap();
    oficina_domain::run!(&mut pooled.conn(), |c| {
        diesel::update(one_time_tokens::table).set(one_time_tokens::expires_at.eq(yesterday)).execute(c).await
    })
    .unwrap();
    drop(pooled);
    accept(&app, &token, PASSWORD).await.assert_error("BAD_USER_INPUT", Some("token"));
    let sign_in = app.op("SignIn", json!({ "email": CARLA, "password": PASSWORD }), None).await;
    sign_in.assert_error("UNAUTHENTICATED", None);
}

#[tokio::test(flavor = "multi_thread")]
async fn unknown_tokens_are_refused() {
    let app = TestApp::spawn().await;
    app.register(CNPJ_A, "ze@example.com").await;
    let events = app.event_count().await;
    for token in ["made-up-token", ""] {
        accept(&app, token, PASSWORD).await.assert_error("BAD_USER_INPUT", Some("token"));
        let reset = app.op("ResetPassword", json!({ "token": token, "password": NEW_PASSWORD }), None).await;
        reset.assert_error("BAD_USER_INPUT", Some("token"));
    }
    assert_eq!(app.event_count().await, events);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_person_with_an_account_joins_with_their_own_password() {
    let app = TestApp::spawn().await;
    let admin_a = app.register(CNPJ_A, "ze@example.com").await;
    let admin_b = app.register(CNPJ_B, "b@example.com").await;
    let workshop_b = app.workshop_id(&admin_b).await;
    let ze_as_customer = app.insert_customer(workshop_b, "José Cliente", "52998224725").await;
    invite(&app, &admin_b, ze_as_customer, "ze@example.com").await.data();
    let token = token_in(app.wait_for_mail(1).await[0]["text"].as_str().unwrap(), "convite");

    let events = app.event_count().await;
    for wrong in [NEW_PASSWORD, "curta"] {
        let refused = accept(&app, &token, wrong).await;
        refused.assert_error("BAD_USER_INPUT", Some("password"));
        assert!(refused.body["errors"][0]["message"].as_str().unwrap().contains("já tem uma conta"));
    }
    assert_eq!(app.event_count().await, events, "a refused acceptance changes nothing");

    let joined = accept(&app, &token, PASSWORD).await;
    let data = &joined.data()["acceptInvitation"];
    assert_eq!(data["membership"]["role"], "CUSTOMER");
    assert_eq!(data["membership"]["workshop"]["id"], workshop_b.to_string());
    let me_in_a = app.op("Me", json!({}), Some(&admin_a)).await;
    let me_in_b = app.op("Me", json!({}), data["token"].as_str()).await;
    assert_eq!(me_in_a.data()["me"]["id"], me_in_b.data()["me"]["id"], "the same user");
    let first = app.op("SignIn", json!({ "email": "ze@example.com", "password": PASSWORD }), None).await;
    assert_eq!(first.data()["signIn"]["membership"]["role"], "ADMIN");
    let in_b =
        json!({ "email": "ze@example.com", "password": PASSWORD, "workshopId": workshop_b.to_string() });
    let in_b = app.op("SignIn", in_b, None).await;
    assert_eq!(in_b.data()["signIn"]["membership"]["role"], "CUSTOMER");

    // A member is not invited again; two invitations sent before either was accepted join once.
    invite(&app, &admin_b, ze_as_customer, "ze@example.com").await.assert_error("CONFLICT", Some("email"));
    invite(&app, &admin_b, ze_as_customer, "dupla@example.com").await.data();
    invite(&app, &admin_b, ze_as_customer, "dupla@example.com").await.data();
    let mail = app.wait_for_mail(3).await;
    let (first, second) = (
        token_in(mail[1]["text"].as_str().unwrap(), "convite"),
        token_in(mail[2]["text"].as_str().unwrap(), "convite"),
    );
    accept(&app, &first, PASSWORD).await.data();
    accept(&app, &second, PASSWORD).await.assert_error("CONFLICT", Some("token"));
}

#[tokio::test(flavor = "multi_thread")]
async fn inviting_checks_the_email_and_the_customer_and_a_failure_sends_nothing() {
    let app = TestApp::spawn().await;
    let (admin_a, customer_a) = workshop_with_customer(&app).await;
    let admin_b = app.register(CNPJ_B, "b@example.com").await;
    let customer_b = app.insert_customer(app.workshop_id(&admin_b).await, "Bruno de B", "52998224725").await;
    let events = app.event_count().await;

    invite(&app, &admin_a, customer_a, "carla@").await.assert_error("BAD_USER_INPUT", Some("email"));
    invite(&app, &admin_a, customer_b, CARLA).await.assert_error("NOT_FOUND", None);
    invite(&app, &admin_a, "not-an-id", CARLA).await.assert_error("NOT_FOUND", None);
    invite(&app, &admin_a, customer_b + 1000, CARLA).await.assert_error("NOT_FOUND", None);
    assert_eq!(app.event_count().await, events);
    assert_eq!(notification_count(&app).await, 0);

    // The worker is running: had a failure queued anything, it would come before this one.
    invite(&app, &admin_a, customer_a, CARLA).await.data();
    let mail = app.wait_for_mail(1).await;
    assert_eq!(wait_until_processed(&app.state.db).await.len(), 1);
    assert_eq!(app.mail_log(), mail);
    assert_eq!(mail[0]["to"], CARLA);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_change_that_rolls_back_sends_nothing() {
    let app = TestApp::spawn().await;
    let (admin, customer) = workshop_with_customer(&app).await;
    // Make the last step of the invitation's transaction fail: its token and notification were
    // written by then, and must go with the rollback.
    let (refuse, allow) = match app.state.db.backend_name() {
        "postgres" => (
            "CREATE FUNCTION refuse_invitations() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN \
             IF NEW.kind = 'invitation.sent' THEN RAISE EXCEPTION 'refused by the test'; END IF; \
             RETURN NEW; END $$; \
             CREATE TRIGGER refuse_invitations BEFORE INSERT ON events \
             FOR EACH ROW EXECUTE FUNCTION refuse_invitations();",
            "DROP TRIGGER refuse_invitations ON events;",
        ),
        _ => (
            "CREATE TRIGGER refuse_invitations BEFORE INSERT ON events WHEN NEW.kind = 'invitation.sent' \
             BEGIN SELECT RAISE(ABORT, 'refused by the test'); END;",
            "DROP TRIGGER refuse_invitations;",
        ),
    };
    let mut pooled = app.state.db.get().await.unwrap();
    oficina_domain::run!(&mut pooled.conn(), |c| c.batch_execute(refuse).await).unwrap();
    invite(&app, &admin, customer, CARLA).await.assert_error("INTERNAL", None);
    assert_eq!(notification_count(&app).await, 0);
    let tokens: i64 =
        oficina_domain::run!(&mut pooled.conn(), |c| one_time_tokens::table.count().get_result(c).await)
            .unwrap();
    assert_eq!(tokens, 0);

    oficina_domain::run!(&mut pooled.conn(), |c| c.batch_execute(allow).await).unwrap();
    drop(pooled);
    invite(&app, &admin, customer, "outra@example.com").await.data();
    assert_eq!(wait_until_processed(&app.state.db).await.len(), 1);
    let mail = app.mail_log();
    assert_eq!(mail.len(), 1, "{mail:?}");
    assert_eq!(mail[0]["to"], "outra@example.com");
}

/// inviteCustomer as every role: ADMIN and OPERATOR may, nobody else.
#[tokio::test(flavor = "multi_thread")]
async fn invite_customer_role_matrix() {
    let app = TestApp::spawn_with(Options { demo: true, ..Options::default() }).await;
    let sign_in = |email: &'static str| {
        let app = &app;
        async move {
            let response =
                app.op("SignIn", json!({ "email": email, "password": "oficina-demo" }), None).await;
            response.data()["signIn"]["token"].as_str().unwrap().to_owned()
        }
    };
    let admin = sign_in("admin@demo.oficina.app").await;
    app.add_staff(&admin, "mecanico@demo.oficina.app", "MECHANIC").await;
    let customer =
        app.insert_customer(app.workshop_id(&admin).await, "Cliente Convidado", "52998224725").await;
    let tokens = [
        ("ADMIN", Some(admin.clone())),
        ("OPERATOR", Some(sign_in("operador@demo.oficina.app").await)),
        ("MECHANIC", Some(app.sign_in("mecanico@demo.oficina.app").await)),
        ("CUSTOMER", Some(sign_in("cliente@demo.oficina.app").await)),
        ("PARTNER", Some(sign_in("parceiro@demo.oficina.app").await)),
        ("ANONYMOUS", None),
    ];
    for (role, token) in &tokens {
        let email = format!("convite-{}@example.com", role.to_lowercase());
        let variables = json!({ "customerId": customer.to_string(), "email": email });
        let response = app.op("InviteCustomer", variables, token.as_deref()).await;
        match *role {
            "ADMIN" | "OPERATOR" => assert_eq!(response.data()["inviteCustomer"], true, "{role}"),
            "ANONYMOUS" => response.assert_error("UNAUTHENTICATED", None),
            _ => response.assert_error("FORBIDDEN", None),
        }
    }
    assert_eq!(wait_until_processed(&app.state.db).await.len(), 2);
    let recipients: Vec<Value> = app.mail_log().iter().map(|m| m["to"].clone()).collect();
    assert_eq!(recipients, ["convite-admin@example.com", "convite-operator@example.com"]);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_reset_for_an_unknown_email_answers_true_and_sends_nothing() {
    let app = TestApp::spawn().await;
    app.register(CNPJ_A, "ze@example.com").await;
    let events = app.event_count().await;
    for email in ["ninguem@example.com", "not-an-email", ""] {
        let response = app.op("RequestPasswordReset", json!({ "email": email }), None).await;
        assert_eq!(response.data()["requestPasswordReset"], true);
    }
    assert_eq!(app.event_count().await, events);
    assert_eq!(notification_count(&app).await, 0);

    // A known e-mail, any case, in the user's language: the only message ever sent.
    let mut pooled = app.state.db.get().await.unwrap();
    oficina_domain::run!(&mut pooled.conn(), |c| {
        diesel::update(users::table).set(users::locale.eq("en")).execute(c).await
    })
    .unwrap();
    drop(pooled);
    let response = app.op("RequestPasswordReset", json!({ "email": " ZE@example.com" }), None).await;
    assert_eq!(response.data()["requestPasswordReset"], true);
    let mail = app.wait_for_mail(1).await;
    assert_eq!(wait_until_processed(&app.state.db).await.len(), 1);
    assert_eq!(app.mail_log(), mail);
    assert_eq!(mail[0]["to"], "ze@example.com");
    assert_eq!(mail[0]["subject"], "Reset your Oficina password");
    assert!(mail[0]["text"].as_str().unwrap().contains(&format!("{PUBLIC_URL}/redefinir-senha/")));
    assert_eq!(event_kinds(&app).await.last().unwrap(), "password.reset_requested");
}

#[tokio::test(flavor = "multi_thread")]
async fn resetting_the_password_ends_every_session() {
    let app = TestApp::spawn().await;
    let first_session = app.register(CNPJ_A, "ze@example.com").await;
    let second_session = app.sign_in("ze@example.com").await;
    for _ in 0..2 {
        app.op("RequestPasswordReset", json!({ "email": "ze@example.com" }), None).await.data();
    }
    let mail = app.wait_for_mail(2).await;
    assert_eq!(mail[0]["subject"], "Redefinição da sua senha do Oficina");
    let (older, newer) = (
        token_in(mail[0]["text"].as_str().unwrap(), "redefinir-senha"),
        token_in(mail[1]["text"].as_str().unwrap(), "redefinir-senha"),
    );
    let reset = |token: &str, password: &str| {
        app.op("ResetPassword", json!({ "token": token, "password": password }), None)
    };

    reset(&newer, "curta").await.assert_error("BAD_USER_INPUT", Some("password"));
    app.op("Me", json!({}), Some(&first_session)).await.data();
    assert_eq!(reset(&newer, NEW_PASSWORD).await.data()["resetPassword"], true);

    for session in [&first_session, &second_session] {
        app.op("Me", json!({}), Some(session)).await.assert_error("UNAUTHENTICATED", None);
    }
    let old = app.op("SignIn", json!({ "email": "ze@example.com", "password": PASSWORD }), None).await;
    old.assert_error("UNAUTHENTICATED", None);
    let new = app.op("SignIn", json!({ "email": "ze@example.com", "password": NEW_PASSWORD }), None).await;
    assert_eq!(new.data()["signIn"]["membership"]["role"], "ADMIN");

    reset(&newer, "mais-uma-senha-nova").await.assert_error("BAD_USER_INPUT", Some("token"));
    reset(&older, "mais-uma-senha-nova").await.assert_error("BAD_USER_INPUT", Some("token"));
    let kinds = event_kinds(&app).await;
    assert!(kinds.ends_with(&["password.reset".into(), "session.started".into()]), "{kinds:?}");
    assert_eq!(kinds.iter().filter(|k| *k == "password.reset_requested").count(), 2);
}

#[tokio::test(flavor = "multi_thread")]
async fn mail_goes_through_sendgrid_as_its_api_expects() {
    let sendgrid = FakeSendGrid::start(0).await;
    let app = TestApp::spawn_with(sendgrid.options()).await;
    let (admin, customer) = workshop_with_customer(&app).await;
    invite(&app, &admin, customer, CARLA).await.data();

    let requests = sendgrid.wait_for_requests(1).await;
    let request = &requests[0];
    assert_eq!((&request.method, request.path.as_str()), (&Method::POST, "/v3/mail/send"));
    assert_eq!(request.headers["authorization"], format!("Bearer {API_KEY}"));
    assert_eq!(request.headers["content-type"], "application/json");
    let body = &request.body;
    assert_eq!(body["personalizations"], json!([{ "to": [{ "email": CARLA }] }]));
    assert_eq!(body["from"], json!({ "email": "no-reply@oficina.app", "name": "Oficina" }));
    assert_eq!(body["subject"], "Oficina ze@example.com convida você para o portal do cliente");
    let content = body["content"].as_array().unwrap();
    let types: Vec<&str> = content.iter().map(|c| c["type"].as_str().unwrap()).collect();
    assert_eq!(types, ["text/plain", "text/html"], "plain text first, as SendGrid requires");
    let text = content[0]["value"].as_str().unwrap();
    let token = token_in(text, "convite");
    assert!(content[1]["value"].as_str().unwrap().contains(&format!("{PUBLIC_URL}/convite/{token}")));

    assert_eq!(wait_until_processed(&app.state.db).await, [(1, None, None)]);
    assert!(app.mail_log().is_empty(), "the log mailer is off");
    accept(&app, &token, PASSWORD).await.data();
    assert_eq!(sendgrid.requests.lock().unwrap().len(), 1, "sent once");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_failed_delivery_is_retried() {
    let sendgrid = FakeSendGrid::start(1).await;
    let app = TestApp::spawn_with(sendgrid.options()).await;
    app.register(CNPJ_A, "ze@example.com").await;
    app.op("RequestPasswordReset", json!({ "email": "ze@example.com" }), None).await.data();

    let requests = sendgrid.wait_for_requests(2).await;
    assert_eq!(requests[0].body, requests[1].body, "the same message again");
    let processed = wait_until_processed(&app.state.db).await;
    let (attempts, last_error, secret) = &processed[0];
    assert_eq!(*attempts, 2);
    assert!(last_error.as_deref().unwrap().contains("503"), "{last_error:?}");
    assert_eq!(*secret, None);
}

/// Two nodes share the database (and the data dir, so the mail log): each message goes out once.
#[tokio::test(flavor = "multi_thread")]
async fn two_nodes_never_send_the_same_message_twice() {
    let node_a = TestApp::spawn().await;
    let node_b = node_a.another_node(Options::default()).await;
    let admin = node_a.register(CNPJ_A, "ze@example.com").await;
    // Three requests an hour per e-mail (a node's own limiter counts alone): four people, three each.
    let mut people = vec!["ze@example.com".to_owned()];
    for i in 1..4 {
        let email = format!("pessoa{i}@example.com");
        node_a.add_staff(&admin, &email, "MECHANIC").await;
        people.push(email);
    }
    let requests = 12;
    for i in 0..requests {
        let node = if i % 2 == 0 { &node_a } else { &node_b };
        let email = &people[i / 3];
        node.op("RequestPasswordReset", json!({ "email": email }), None).await.data();
    }
    let mail = node_a.wait_for_mail(requests).await;
    let processed = wait_until_processed(&node_a.state.db).await;
    assert!(processed.iter().all(|(attempts, ..)| *attempts == 1), "{processed:?}");
    let mut tokens: Vec<String> =
        node_a.mail_log().iter().map(|m| token_in(m["text"].as_str().unwrap(), "redefinir-senha")).collect();
    assert_eq!(tokens.len(), mail.len());
    tokens.sort();
    tokens.dedup();
    assert_eq!(tokens.len(), requests, "every message once");
}
