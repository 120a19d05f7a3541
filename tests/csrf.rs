//! Cross-site requests: only JSON bodies are read, and a request signed in by the cookie must
//! show it comes from the web app.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};

use crate::helpers::TestApp;

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
