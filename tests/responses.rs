//! What every response carries and never says: the security headers (the SPA's policy, GraphiQL's
//! too, allows its inline loader by hash), and no internal error text for a malformed request.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};

use crate::helpers::{Options, TestApp};

/// An `index.html` with an inline loader like trunk's and a script file.
const INDEX: &str = "<html><head><script type=\"module\">import init from '/app.js';</script>\
    <script src=\"/other.js\"></script></head></html>";
/// The CSP source of the inline loader: the base64 of its SHA-256.
const LOADER: &str = "'sha256-lIu2QzD3kpYH4IKFiA/ZCfzcckv8zd+3oxfRlLTdixk='";

#[tokio::test(flavor = "multi_thread")]
async fn the_spa_and_the_api_carry_the_security_headers() {
    let web = tempfile::TempDir::new().unwrap();
    std::fs::write(web.path().join("index.html"), INDEX).unwrap();
    let app =
        TestApp::spawn_with(Options { web_dir: Some(web.path().to_path_buf()), ..Options::default() }).await;
    for path in ["/", "/convite/abc", "/healthz", "/graphql?query=%7B__typename%7D", "/graphql"] {
        let response = app.send(Request::get(path).body(Body::empty()).unwrap()).await;
        let headers = &response.headers;
        let policy = headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
        assert!(
            policy
                .starts_with(&format!("default-src 'self'; script-src 'self' 'wasm-unsafe-eval' {LOADER};")),
            "{path}: {policy}"
        );
        for directive in ["frame-ancestors 'none'", "base-uri 'none'", "connect-src 'self'"] {
            assert!(policy.contains(directive), "{path}: {policy}");
        }
        assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff", "{path}");
        assert_eq!(headers[header::REFERRER_POLICY], "no-referrer", "{path}");
        assert_eq!(headers[header::X_FRAME_OPTIONS], "DENY", "{path}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_malformed_request_gets_no_parser_text() {
    let app = TestApp::spawn().await;
    for body in ["{\"query\": ", "[1, 2", "\"just a string\""] {
        let request = Request::post("/graphql")
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body))
            .unwrap();
        let response = app.send(request).await;
        assert_eq!(response.status, StatusCode::BAD_REQUEST, "{body}: {}", response.body);
        assert_eq!(response.body["errors"][0]["message"], "Requisição GraphQL inválida.", "{body}");
    }
    let get = app.send(Request::get("/graphql?query=%7B&variables=%7Bx").body(Body::empty()).unwrap()).await;
    let message = get.body["errors"][0]["message"].as_str().unwrap_or_default();
    assert!(
        message == "Requisição GraphQL inválida." || message == "Invalid GraphQL request.",
        "{}",
        get.body
    );
}
