//! GraphQL over HTTP: the answer's media type follows `Accept` (406 when it takes neither JSON
//! type), a request that never ran has no `data` and is 400 in `application/graphql-response+json`
//! (200 in `application/json`), malformed parameters are 400, the same over GET and POST; and the
//! spec's audit suite (npm's graphql-http) passes against a live server.

use std::path::{Path, PathBuf};
use std::process::Command;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use serde_json::{Value, json};

use crate::helpers::{CNPJ_A, Response, TestApp};

const JSON: &str = "application/json; charset=utf-8";
const GRAPHQL_RESPONSE: &str = "application/graphql-response+json; charset=utf-8";

/// `query` (with `variables`) by POST and by GET, each with `accept` when given.
async fn both_ways(app: &TestApp, query: &str, variables: Value, accept: Option<&str>) -> [Response; 2] {
    let mut post = Request::post("/graphql").header(header::CONTENT_TYPE, "application/json");
    let encoded = |text: &str| text.bytes().map(|b| format!("%{b:02X}")).collect::<String>();
    let mut get = Request::get(format!(
        "/graphql?query={}&variables={}",
        encoded(query),
        encoded(&variables.to_string())
    ));
    if let Some(accept) = accept {
        post = post.header(header::ACCEPT, accept);
        get = get.header(header::ACCEPT, accept);
    }
    let body = json!({ "query": query, "variables": variables }).to_string();
    [app.send(post.body(Body::from(body)).unwrap()).await, app.send(get.body(Body::empty()).unwrap()).await]
}

#[tokio::test(flavor = "multi_thread")]
async fn the_answer_is_in_the_media_type_the_client_accepts() {
    let app = TestApp::spawn().await;
    for (accept, expected) in [
        (None, JSON),
        (Some("application/json"), JSON),
        (Some("*/*"), JSON),
        (Some("application/*"), JSON),
        (Some("text/html, application/xhtml+xml, */*;q=0.8"), JSON),
        (Some("application/graphql-response+json"), GRAPHQL_RESPONSE),
        (Some("application/graphql-response+json, application/json;q=0.9"), GRAPHQL_RESPONSE),
        (Some("application/graphql-response+json;charset=utf-8, */*"), GRAPHQL_RESPONSE),
        (Some("application/json, application/graphql-response+json;q=0.5"), JSON),
        (Some("application/graphql-response+json;q=0, */*"), JSON),
    ] {
        for response in both_ways(&app, "{ __typename }", json!({}), accept).await {
            assert_eq!(response.status, StatusCode::OK, "{accept:?}");
            assert_eq!(response.headers[header::CONTENT_TYPE], expected, "{accept:?}");
            assert_eq!(response.data()["__typename"], "Query");
        }
    }
    for accept in ["text/html", "application/json;q=0", "application/xml, text/*"] {
        for response in both_ways(&app, "{ __typename }", json!({}), Some(accept)).await {
            assert_eq!(response.status, StatusCode::NOT_ACCEPTABLE, "{accept}");
            assert_eq!(response.headers[header::CONTENT_TYPE], JSON, "{accept}");
            response.assert_error("BAD_USER_INPUT", Some("accept"));
            assert!(response.body.get("data").is_none(), "{}", response.body);
        }
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_request_that_never_ran_is_400_without_data_in_graphql_response_json() {
    let app = TestApp::spawn().await;
    let admin = app.register(CNPJ_A, "a@example.com").await;
    let never_ran = [
        ("{", json!({})),
        ("{ noSuchField }", json!({})),
        ("query Q($id: ID!) { customer(id: $id) { id } }", json!({ "id": null })),
        ("query A { __typename } query B { __typename }", json!({})),
        (&*deep_query(), json!({})),
    ];
    for (query, variables) in never_ran {
        let before = app.state.db.query_count();
        let [post, get] =
            both_ways(&app, query, variables.clone(), Some("application/graphql-response+json")).await;
        assert_eq!(app.state.db.query_count() - before, 0, "{query} runs no SQL");
        for response in [post, get] {
            assert_eq!(response.status, StatusCode::BAD_REQUEST, "{query}: {}", response.body);
            assert_eq!(response.headers[header::CONTENT_TYPE], GRAPHQL_RESPONSE);
            assert!(response.body.get("data").is_none(), "{query}: {}", response.body);
            assert!(!response.body["errors"][0]["message"].as_str().unwrap_or_default().is_empty());
        }
        for response in both_ways(&app, query, variables.clone(), Some("application/json")).await {
            assert_eq!(response.status, StatusCode::OK, "{query}: {}", response.body);
            assert_eq!(response.headers[header::CONTENT_TYPE], JSON);
            assert!(response.body.get("data").is_none(), "{query}: {}", response.body);
            assert!(response.body["errors"].as_array().is_some_and(|e| !e.is_empty()), "{}", response.body);
        }
    }
    // A request that ran is 200 with `data`, even when a field failed.
    let signed_out =
        both_ways(&app, "{ me { email } }", json!({}), Some("application/graphql-response+json")).await;
    for response in signed_out {
        assert_eq!(response.status, StatusCode::OK, "{}", response.body);
        response.assert_error("UNAUTHENTICATED", None);
        assert!(response.body.get("data").is_some(), "{}", response.body);
    }
    let refused_for_depth = app
        .send(
            Request::post("/graphql")
                .header(header::CONTENT_TYPE, "application/json")
                .header(header::ACCEPT, "application/graphql-response+json")
                .header(header::AUTHORIZATION, format!("Bearer {admin}"))
                .header(header::ACCEPT_LANGUAGE, "en")
                .body(Body::from(json!({ "query": deep_query() }).to_string()))
                .unwrap(),
        )
        .await;
    assert_eq!(refused_for_depth.status, StatusCode::BAD_REQUEST);
    refused_for_depth.assert_error("BAD_USER_INPUT", Some("query"));
    assert!(refused_for_depth.body["errors"][0]["message"].as_str().unwrap().contains("deeper than"));
}

/// A query deeper than the limit on the customer ↔ vehicle cycle.
fn deep_query() -> String {
    let mut inner = "id".to_owned();
    for _ in 0..8 {
        inner = format!("vehicles {{ customer {{ {inner} }} }}");
    }
    format!("{{ customer(id: \"1\") {{ {inner} }} }}")
}

#[tokio::test(flavor = "multi_thread")]
async fn malformed_parameters_are_400_in_either_media_type() {
    let app = TestApp::spawn().await;
    for accept in ["application/json", "application/graphql-response+json"] {
        for body in [
            "",
            "{\"query\": ",
            "[{\"query\": \"{ __typename }\"}]",
            "{\"qeury\": \"{ __typename }\"}",
            "{\"query\": 0}",
            "{\"query\": \"{ __typename }\", \"variables\": \"x\"}",
            "{\"query\": \"{ __typename }\", \"variables\": []}",
            "{\"query\": \"{ __typename }\", \"operationName\": false}",
            "{\"query\": \"{ __typename }\", \"extensions\": 1}",
        ] {
            let request = Request::post("/graphql")
                .header(header::CONTENT_TYPE, "application/json")
                .header(header::ACCEPT, accept)
                .header(header::ACCEPT_LANGUAGE, "en")
                .body(Body::from(body))
                .unwrap();
            let response = app.send(request).await;
            assert_eq!(response.status, StatusCode::BAD_REQUEST, "{accept} {body}: {}", response.body);
            assert_eq!(response.body["errors"][0]["message"], "Invalid GraphQL request.", "{body}");
            assert!(response.body.get("data").is_none());
        }
        for query in [
            "query=%7B__typename%7D&extensions=1",
            "query=%7B__typename%7D&variables=%5B1%5D",
            "query=%7B__typename%7D&variables=%7Bx",
        ] {
            let request = Request::get(format!("/graphql?{query}")).header(header::ACCEPT, accept);
            let response = app.send(request.body(Body::empty()).unwrap()).await;
            assert_eq!(response.status, StatusCode::BAD_REQUEST, "{accept} {query}: {}", response.body);
            assert_eq!(response.body["errors"][0]["message"], "Requisição GraphQL inválida.", "{query}");
        }
    }
    // Null optional parameters are fine.
    let nulls =
        json!({ "query": "{ __typename }", "variables": null, "operationName": null, "extensions": null });
    let request = Request::post("/graphql").header(header::CONTENT_TYPE, "application/json");
    let response = app.send(request.body(Body::from(nulls.to_string())).unwrap()).await;
    assert_eq!(response.data()["__typename"], "Query");
}

/// The folder of the audit script and its npm packages (`cargo xtask test` installs them).
fn audits_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("graphql-http")
}

#[tokio::test(flavor = "multi_thread")]
async fn the_graphql_over_http_audits_pass() {
    let dir = audits_dir();
    if !dir.join("node_modules").exists() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI runs the audits: `npm ci` in tests/graphql-http (cargo xtask test does)"
        );
        eprintln!(
            "skipped the GraphQL-over-HTTP audits: run `npm ci` in tests/graphql-http (cargo xtask test does)"
        );
        return;
    }
    let app = TestApp::spawn().await;
    let addr = app.serve().await;
    let url = format!("http://{addr}/graphql");
    let audit = move || Command::new("node").arg("audit.mjs").arg(url).current_dir(dir).output();
    let output = tokio::task::spawn_blocking(audit).await.unwrap().expect("node runs");
    let report = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{report}{}", String::from_utf8_lossy(&output.stderr));
    assert!(report.contains("0 errors or warnings"), "{report}");
}
