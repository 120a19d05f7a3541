//! Identity and tenancy: registration, sign-in, sessions, staff, errors and isolation.

use serde_json::json;

use crate::helpers::{CNPJ_A, CNPJ_B, Options, PASSWORD, TestApp};

const ME: &str = "query { me { id name email membership { role workshop { id name cnpj } } } }";

#[tokio::test(flavor = "multi_thread")]
async fn registering_a_workshop_signs_its_admin_in() {
    let app = TestApp::spawn().await;
    let response = app
        .op(
            "RegisterWorkshop",
            json!({ "input": { "workshopName": "Oficina do Zé", "cnpj": "11222333000181",
                "adminName": "José", "email": "Ze@Example.com", "password": PASSWORD }}),
            None,
        )
        .await;
    let data = &response.data()["registerWorkshop"];
    assert_eq!(data["workshop"]["name"], "Oficina do Zé");
    assert_eq!(data["workshop"]["cnpj"], "11.222.333/0001-81");
    assert_eq!(data["user"]["email"], "ze@example.com");
    let cookie = response.headers["set-cookie"].to_str().unwrap();
    assert!(cookie.starts_with("oficina_session="), "{cookie}");
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"), "{cookie}");

    let token = data["token"].as_str().unwrap();
    assert!(token.len() >= 22, "at least 128 bits of token");
    let me = app.graphql(ME, json!({}), Some(token)).await;
    assert_eq!(me.data()["me"]["membership"]["role"], "ADMIN");
    assert_eq!(me.data()["me"]["membership"]["workshop"]["name"], "Oficina do Zé");
    assert_eq!(app.event_count().await, 1, "workshop.registered");
}

#[tokio::test(flavor = "multi_thread")]
async fn the_alphanumeric_cnpj_of_2026_is_accepted() {
    let app = TestApp::spawn().await;
    let token = app.register("12.abc.345/01de-35", "alfa@example.com").await;
    let me = app.graphql(ME, json!({}), Some(&token)).await;
    assert_eq!(me.data()["me"]["membership"]["workshop"]["cnpj"], "12.ABC.345/01DE-35");
}

#[tokio::test(flavor = "multi_thread")]
async fn registration_errors_name_the_field_and_write_nothing() {
    let app = TestApp::spawn().await;
    let valid = json!({ "workshopName": "Oficina", "cnpj": CNPJ_A, "adminName": "José",
        "email": "ze@example.com", "password": PASSWORD });
    let cases = [
        ("workshopName", json!("   "), "input.workshopName"),
        ("cnpj", json!("11.222.333/0001-82"), "input.cnpj"),
        ("cnpj", json!("123"), "input.cnpj"),
        ("adminName", json!(""), "input.adminName"),
        ("email", json!("not-an-email"), "input.email"),
        ("password", json!("curta"), "input.password"),
    ];
    for (key, value, field) in cases {
        let mut input = valid.clone();
        input[key] = value;
        let response = app.op("RegisterWorkshop", json!({ "input": input }), None).await;
        response.assert_error("BAD_USER_INPUT", Some(field));
        assert!(response.headers.get("set-cookie").is_none());
    }
    assert_eq!(app.event_count().await, 0);
    let response = app.op("SignIn", json!({ "email": "ze@example.com", "password": PASSWORD }), None).await;
    response.assert_error("UNAUTHENTICATED", None);
}

#[tokio::test(flavor = "multi_thread")]
async fn duplicate_email_or_cnpj_is_a_conflict() {
    let app = TestApp::spawn().await;
    app.register(CNPJ_A, "ze@example.com").await;
    let again = |cnpj: &str, email: &str| {
        json!({ "input": { "workshopName": "Outra", "cnpj": cnpj, "adminName": "Outro",
            "email": email, "password": PASSWORD }})
    };
    let response = app.op("RegisterWorkshop", again(CNPJ_B, "ZE@example.com"), None).await;
    response.assert_error("CONFLICT", Some("input.email"));
    let response = app.op("RegisterWorkshop", again("11222333000181", "outro@example.com"), None).await;
    response.assert_error("CONFLICT", Some("input.cnpj"));
    assert_eq!(app.event_count().await, 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn sign_in_checks_the_password_and_sign_out_kills_the_token() {
    let app = TestApp::spawn().await;
    app.register(CNPJ_A, "ze@example.com").await;
    let wrong =
        app.op("SignIn", json!({ "email": "ze@example.com", "password": "errada-errada" }), None).await;
    wrong.assert_error("UNAUTHENTICATED", None);
    let unknown =
        app.op("SignIn", json!({ "email": "ninguem@example.com", "password": PASSWORD }), None).await;
    unknown.assert_error("UNAUTHENTICATED", None);

    let signed_in =
        app.op("SignIn", json!({ "email": " ZE@example.com ", "password": PASSWORD }), None).await;
    let data = &signed_in.data()["signIn"];
    assert_eq!(data["membership"]["role"], "ADMIN");
    let token = data["token"].as_str().unwrap();
    app.op("Me", json!({}), Some(token)).await.data();

    let events_before = app.event_count().await;
    let signed_out = app.op("SignOut", json!({}), Some(token)).await;
    assert_eq!(signed_out.data()["signOut"], true);
    assert!(signed_out.headers["set-cookie"].to_str().unwrap().contains("Max-Age=0"));
    assert_eq!(app.event_count().await, events_before + 1, "session.ended");
    app.op("Me", json!({}), Some(token)).await.assert_error("UNAUTHENTICATED", None);
    app.op("SignOut", json!({}), Some(token)).await.assert_error("UNAUTHENTICATED", None);
}

#[tokio::test(flavor = "multi_thread")]
async fn no_token_or_a_made_up_token_is_unauthenticated() {
    let app = TestApp::spawn().await;
    app.op("Me", json!({}), None).await.assert_error("UNAUTHENTICATED", None);
    app.op("Me", json!({}), Some("made-up-token")).await.assert_error("UNAUTHENTICATED", None);
}

#[tokio::test(flavor = "multi_thread")]
async fn the_session_cookie_authenticates_like_a_bearer_token() {
    use axum::body::Body;
    use axum::http::{Request, header};
    let app = TestApp::spawn().await;
    let token = app.register(CNPJ_A, "ze@example.com").await;
    let request = Request::post("/graphql")
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::COOKIE, format!("tema=escuro; oficina_session={token}"))
        .header("x-oficina-client", "web")
        .body(Body::from(json!({ "query": ME }).to_string()))
        .unwrap();
    let response = app.send(request).await;
    assert_eq!(response.data()["me"]["email"], "ze@example.com");
}

#[tokio::test(flavor = "multi_thread")]
async fn five_failed_sign_ins_in_a_minute_are_rate_limited() {
    let app = TestApp::spawn().await;
    app.register(CNPJ_A, "ze@example.com").await;
    app.register(CNPJ_B, "outra@example.com").await;
    for _ in 0..5 {
        let response =
            app.op("SignIn", json!({ "email": "ze@example.com", "password": "errada-errada" }), None).await;
        response.assert_error("UNAUTHENTICATED", None);
    }
    let limited = app.op("SignIn", json!({ "email": "ze@example.com", "password": PASSWORD }), None).await;
    limited.assert_error("RATE_LIMITED", None);
    // Another e-mail is not affected.
    app.sign_in("outra@example.com").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_admin_adds_staff_who_can_sign_in_at_once() {
    let app = TestApp::spawn().await;
    let admin = app.register(CNPJ_A, "ze@example.com").await;
    let added = app
        .op(
            "AddStaff",
            json!({ "input": { "name": "Ana", "email": "ana@example.com", "password": PASSWORD, "role": "OPERATOR" }}),
            Some(&admin),
        )
        .await;
    let staff = &added.data()["addStaff"];
    assert_eq!((staff["name"].as_str(), staff["role"].as_str()), (Some("Ana"), Some("OPERATOR")));

    let operator = app.sign_in("ana@example.com").await;
    let me = app.op("Me", json!({}), Some(&operator)).await;
    assert_eq!(me.data()["me"]["membership"]["role"], "OPERATOR");
    let listed = app.graphql("{ staff { name email role } }", json!({}), Some(&admin)).await;
    let emails: Vec<&str> =
        listed.data()["staff"].as_array().unwrap().iter().map(|s| s["email"].as_str().unwrap()).collect();
    assert_eq!(emails, ["ana@example.com", "ze@example.com"]);
}

#[tokio::test(flavor = "multi_thread")]
async fn add_staff_rejects_bad_input_and_duplicates() {
    let app = TestApp::spawn().await;
    let admin = app.register(CNPJ_A, "ze@example.com").await;
    let input = |email: &str, password: &str, role: &str| json!({ "input": { "name": "Ana", "email": email, "password": password, "role": role }});
    let cases = [
        (input("ana@example.com", PASSWORD, "CUSTOMER"), "BAD_USER_INPUT", "input.role"),
        (input("ana", PASSWORD, "OPERATOR"), "BAD_USER_INPUT", "input.email"),
        (input("ana@example.com", "123", "MECHANIC"), "BAD_USER_INPUT", "input.password"),
        (input("ze@example.com", PASSWORD, "OPERATOR"), "CONFLICT", "input.email"),
    ];
    let events = app.event_count().await;
    for (variables, code, field) in cases {
        app.op("AddStaff", variables, Some(&admin)).await.assert_error(code, Some(field));
    }
    assert_eq!(app.event_count().await, events, "failed requests write nothing");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_token_of_one_workshop_sees_nothing_of_another() {
    let app = TestApp::spawn().await;
    let admin_a = app.register(CNPJ_A, "a@example.com").await;
    let admin_b = app.register(CNPJ_B, "b@example.com").await;
    app.add_staff(&admin_b, "mecanico-b@example.com", "MECHANIC").await;
    let staff_a = app.graphql("{ staff { email } }", json!({}), Some(&admin_a)).await;
    assert_eq!(staff_a.data()["staff"], json!([{ "email": "a@example.com" }]));

    let me_b = app.op("Me", json!({}), Some(&admin_b)).await;
    let workshop_b = me_b.data()["me"]["membership"]["workshop"]["id"].clone();
    let cross = app
        .op(
            "SignIn",
            json!({ "email": "a@example.com", "password": PASSWORD, "workshopId": workshop_b }),
            None,
        )
        .await;
    cross.assert_error("BAD_USER_INPUT", Some("workshopId"));
}

/// Every operation of this slice as every role: one guard per resolver, nothing leaks.
#[tokio::test(flavor = "multi_thread")]
async fn role_matrix() {
    let app = TestApp::spawn_with(Options { demo: true, ..Options::default() }).await;
    let password = "oficina-demo";
    let admin_token = |email: &str| {
        let app = &app;
        let email = email.to_owned();
        async move {
            let response = app.op("SignIn", json!({ "email": email, "password": password }), None).await;
            response.data()["signIn"]["token"].as_str().unwrap().to_owned()
        }
    };
    let admin = admin_token("admin@demo.oficina.app").await;
    app.add_staff(&admin, "mecanico@demo.oficina.app", "MECHANIC").await;
    let tokens = [
        ("ADMIN", Some(admin.clone())),
        ("OPERATOR", Some(admin_token("operador@demo.oficina.app").await)),
        ("MECHANIC", Some(app.sign_in("mecanico@demo.oficina.app").await)),
        ("CUSTOMER", Some(admin_token("cliente@demo.oficina.app").await)),
        ("PARTNER", Some(admin_token("parceiro@demo.oficina.app").await)),
        ("ANONYMOUS", None),
    ];
    for (role, token) in &tokens {
        let token = token.as_deref();
        let me = app.op("Me", json!({}), token).await;
        let staff = app.graphql("{ staff { id } }", json!({}), token).await;
        let add = app
            .op(
                "AddStaff",
                json!({ "input": { "name": "X", "email": format!("x-{role}@example.com"), "password": PASSWORD, "role": "MECHANIC" }}),
                token,
            )
            .await;
        match *role {
            "ANONYMOUS" => {
                me.assert_error("UNAUTHENTICATED", None);
                staff.assert_error("UNAUTHENTICATED", None);
                add.assert_error("UNAUTHENTICATED", None);
            }
            "ADMIN" => {
                assert_eq!(me.data()["me"]["membership"]["role"], "ADMIN");
                staff.data();
                add.data();
            }
            other => {
                assert_eq!(me.data()["me"]["membership"]["role"], other);
                staff.assert_error("FORBIDDEN", None);
                add.assert_error("FORBIDDEN", None);
            }
        }
    }
    // Sign-out works for every role and only ends that session.
    for (_, token) in tokens.iter().filter(|(role, _)| *role != "ANONYMOUS") {
        assert_eq!(app.op("SignOut", json!({}), token.as_deref()).await.data()["signOut"], true);
    }
    app.op("SignOut", json!({}), None).await.assert_error("UNAUTHENTICATED", None);
}

/// Listing staff costs the same number of queries whatever the staff size (no N+1).
#[tokio::test(flavor = "multi_thread")]
async fn staff_list_query_count_does_not_grow_with_staff() {
    let app = TestApp::counting_statements().await;
    let admin = app.register(CNPJ_A, "ze@example.com").await;
    let count_queries = || {
        app.fewest_statements(
            "{ staff { id name email role } me { memberships { id } } }",
            json!({}),
            &admin,
            |r| {
                r.data();
            },
        )
    };
    let with_one = count_queries().await;
    for i in 0..4 {
        app.add_staff(&admin, &format!("p{i}@example.com"), "MECHANIC").await;
    }
    assert_eq!(count_queries().await, with_one);
    assert!(with_one <= 3, "session lookup, staff list, memberships: {with_one}");
}
