//! Cross-site requests: only JSON bodies are read, and a request signed in by the cookie must
//! show it comes from the web app; the session cookie over HTTP and over HTTPS.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use serde_json::json;

use crate::helpers::{CNPJ_A, Options, PASSWORD, PUBLIC_URL, TestApp};

#[tokio::test(flavor = "multi_thread")]
async fn only_json_bodies_are_read() {
    let app = TestApp::spawn().await;
    let body = r#"{"query": "{ __typename }"}"#;
    let post = |content_type: Option<&str>| {
        let mut request = Request::post("/graphql");
        if let Some(content_type) = content_type {
            request = request.header(header::CONTENT_TYPE, content_type);
        }
        app.send(request.body(Body::from(body)).unwrap())
    };
    let before = app.state.db.query_count();
    for refused in [
        Some("text/plain"),
        Some("text/plain; charset=utf-8"),
        Some("application/x-www-form-urlencoded"),
        Some("multipart/form-data; boundary=x"),
        None,
    ] {
        assert_eq!(post(refused).await.status, StatusCode::UNSUPPORTED_MEDIA_TYPE, "{refused:?}");
    }
    assert_eq!(app.state.db.query_count() - before, 0, "a refused request runs no SQL");
    for accepted in
        ["application/json", "application/json; charset=utf-8", "application/graphql-response+json"]
    {
        let response = post(Some(accepted)).await;
        assert_eq!(response.status, StatusCode::OK, "{accepted}");
        response.data();
    }
}

/// A request to `uri` with the session cookie `cookie` holding `token`, and `extra` headers.
fn with_cookie(method: &str, uri: &str, cookie: &str, token: &str, extra: &[(&str, &str)]) -> Request<Body> {
    let mut request = Request::builder()
        .method(method)
        .uri(uri)
        .header(header::COOKIE, format!("{cookie}={token}"))
        .header(header::CONTENT_TYPE, "application/json");
    for (name, value) in extra {
        request = request.header(*name, *value);
    }
    let body =
        if method == "POST" { json!({ "query": "{ me { email } }" }).to_string() } else { String::new() };
    request.body(Body::from(body)).unwrap()
}

const GRAPHQL_GET: &str = "/graphql?query=%7B%20me%20%7B%20email%20%7D%20%7D";
const EXPORT: &str = "/export/customers.csv";

#[tokio::test(flavor = "multi_thread")]
async fn a_cookie_request_that_does_not_show_it_comes_from_the_app_is_forbidden_and_runs_nothing() {
    let app = TestApp::spawn().await;
    let token = app.register(CNPJ_A, "ze@example.com").await;
    for (method, uri) in [("POST", "/graphql"), ("GET", GRAPHQL_GET), ("GET", EXPORT)] {
        for refused in [
            vec![],
            vec![("origin", "http://evil.example")],
            vec![("x-oficina-client", "")],
            vec![("sec-fetch-site", "cross-site")],
            vec![("origin", "http://oficina.test.evil.example"), ("accept-language", "en")],
        ] {
            let before = app.state.db.query_count();
            let response = app.send(with_cookie(method, uri, "oficina_session", &token, &refused)).await;
            assert_eq!(app.state.db.query_count() - before, 0, "{method} {uri} {refused:?} runs no SQL");
            assert_eq!(
                response.status,
                StatusCode::FORBIDDEN,
                "{method} {uri} {refused:?}: {}",
                response.body
            );
            let english = refused.contains(&("accept-language", "en"));
            let message = if uri == EXPORT {
                response.body.as_str().unwrap().to_owned()
            } else {
                response.assert_error("FORBIDDEN", None);
                assert!(response.body.get("data").is_none(), "{}", response.body);
                response.body["errors"][0]["message"].as_str().unwrap().to_owned()
            };
            let expected = if english { "Request refused" } else { "Requisição recusada" };
            assert!(message.starts_with(expected), "{message}");
            assert!(message.contains("X-Oficina-Client"), "{message}");
        }
        for shown in [
            vec![("x-oficina-client", "web")],
            vec![("origin", PUBLIC_URL)],
            vec![("sec-fetch-site", "same-origin")],
        ] {
            let response = app.send(with_cookie(method, uri, "oficina_session", &token, &shown)).await;
            assert_eq!(response.status, StatusCode::OK, "{method} {uri} {shown:?}: {}", response.body);
            if uri != EXPORT {
                assert_eq!(response.data()["me"]["email"], "ze@example.com");
            }
        }
    }
    // A Bearer token needs neither, whatever page sent it.
    let bearer = Request::post("/graphql")
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .header(header::ORIGIN, "http://evil.example")
        .header(header::COOKIE, format!("oficina_session={token}"))
        .body(Body::from(json!({ "query": "{ me { email } }" }).to_string()))
        .unwrap();
    assert_eq!(app.send(bearer).await.data()["me"]["email"], "ze@example.com");
}

#[tokio::test(flavor = "multi_thread")]
async fn over_http_the_session_cookie_is_plain_and_there_is_no_hsts() {
    let app = TestApp::spawn().await;
    let token = app.register(CNPJ_A, "ze@example.com").await;
    let signed_in = app.op("SignIn", json!({ "email": "ze@example.com", "password": PASSWORD }), None).await;
    let cookie = signed_in.headers[header::SET_COOKIE].to_str().unwrap();
    assert!(cookie.starts_with("oficina_session=") && !cookie.contains("Secure"), "{cookie}");
    assert!(signed_in.headers.get(header::STRICT_TRANSPORT_SECURITY).is_none());
    let web = [("x-oficina-client", "web")];
    let prefixed = app.send(with_cookie("POST", "/graphql", "__Host-oficina_session", &token, &web)).await;
    prefixed.assert_error("UNAUTHENTICATED", None);
}

#[tokio::test(flavor = "multi_thread")]
async fn over_https_the_session_cookie_is_secure_with_the_host_prefix_and_hsts_is_sent() {
    let app =
        TestApp::spawn_with(Options { public_url: Some("https://oficina.test"), ..Options::default() }).await;
    let token = app.register(CNPJ_A, "ze@example.com").await;
    let signed_in = app.op("SignIn", json!({ "email": "ze@example.com", "password": PASSWORD }), None).await;
    let cookie = signed_in.headers[header::SET_COOKIE].to_str().unwrap();
    assert!(cookie.starts_with("__Host-oficina_session="), "{cookie}");
    for attribute in ["Secure", "HttpOnly", "SameSite=Lax", "Path=/"] {
        assert!(cookie.split("; ").any(|a| a == attribute), "{attribute} in {cookie}");
    }
    assert!(!cookie.contains("Domain"), "{cookie}");
    for path in ["/graphql", "/healthz", "/", "/graphql?query=%7B__typename%7D"] {
        let response = app.send(Request::get(path).body(Body::empty()).unwrap()).await;
        assert_eq!(
            response.headers[header::STRICT_TRANSPORT_SECURITY],
            "max-age=31536000; includeSubDomains",
            "{path}"
        );
    }
    let web = [("x-oficina-client", "web")];
    let prefixed = app.send(with_cookie("POST", "/graphql", "__Host-oficina_session", &token, &web)).await;
    assert_eq!(prefixed.data()["me"]["email"], "ze@example.com");
    let plain = app.send(with_cookie("POST", "/graphql", "oficina_session", &token, &web)).await;
    plain.assert_error("UNAUTHENTICATED", None);
    let from_the_app = [("origin", "https://oficina.test")];
    let by_origin =
        app.send(with_cookie("POST", "/graphql", "__Host-oficina_session", &token, &from_the_app)).await;
    assert_eq!(by_origin.data()["me"]["email"], "ze@example.com");
}
