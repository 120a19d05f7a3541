//! No CPF in the logs: the suite's server runs with every tracing event and span (TRACE, all
//! targets) written to a buffer while a test drives the CRM over real sockets with the CPFs it
//! creates (searches with and without punctuation, by POST and by GET, updates, exports, bad
//! and duplicate documents, an unparsable stored one, an erasure); then no CPF it used may
//! appear in the buffer, digits only or punctuated.

use std::io::Write;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use axum::body::Body;
use axum::http::{Request, header};
use http_body_util::BodyExt;
use serde_json::{Value, json};
use tracing_subscriber::fmt::MakeWriter;

use crate::helpers::{CNPJ_A, TestApp, contract};
use crate::service_order_access::cpf;

/// Where the captured logs go: a buffer shared with the test.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().expect("the log buffer").extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> MakeWriter<'a> for Captured {
    type Writer = Captured;
    fn make_writer(&'a self) -> Self::Writer {
        self.clone()
    }
}

impl Captured {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().expect("the log buffer")).into_owned()
    }
}

/// `123.456.789-09` for `12345678909`.
fn punctuated(digits: &str) -> String {
    format!("{}.{}.{}-{}", &digits[..3], &digits[3..6], &digits[6..9], &digits[9..])
}

/// Sends `request` to the server at `addr` over a socket; the answer's status and body.
async fn send(addr: SocketAddr, request: Request<Body>) -> (u16, String) {
    let client = hyper_util::client::legacy::Client::builder(hyper_util::rt::TokioExecutor::new())
        .build_http::<Body>();
    let (parts, body) = request.into_parts();
    let mut request = Request::from_parts(parts, body);
    *request.uri_mut() = format!("http://{addr}{}", request.uri()).parse().unwrap();
    let response = client.request(request).await.expect("the server answers");
    let status = response.status().as_u16();
    let bytes = response.into_body().collect().await.expect("body").to_bytes();
    (status, String::from_utf8_lossy(&bytes).into_owned())
}

/// A GraphQL POST as the holder of `token`.
async fn post(addr: SocketAddr, token: &str, query: &str, variables: Value) -> Value {
    let body = json!({ "query": query, "variables": variables }).to_string();
    let request = Request::post("/graphql")
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .body(Body::from(body))
        .unwrap();
    serde_json::from_str(&send(addr, request).await.1).expect("a JSON answer")
}

/// A GraphQL GET (query and variables in the URL) as the holder of `token`.
async fn get(addr: SocketAddr, token: &str, query: &str, variables: Value) -> Value {
    let uri = format!("/graphql?query={}&variables={}", encode(query), encode(&variables.to_string()));
    let request = Request::get(uri)
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .header(header::ACCEPT, "application/graphql-response+json")
        .body(Body::empty())
        .unwrap();
    serde_json::from_str(&send(addr, request).await.1).expect("a JSON answer")
}

/// Percent-encodes everything but letters and digits.
fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") })
        .collect()
}

const SEARCH: &str = "query($search: String) { customers(search: $search, first: 5) { totalCount edges { node { id document } } } }";

#[tokio::test]
async fn no_cpf_reaches_the_logs() {
    let captured = Captured::default();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(captured.clone())
        .with_ansi(false)
        .finish();
    // This test's thread only: every task of this current-thread runtime (the server's included).
    let _logging = tracing::subscriber::set_default(subscriber);

    let app = TestApp::spawn().await;
    let addr = app.serve().await;
    let admin = app.register(CNPJ_A, "a@example.com").await;
    let cpfs: Vec<String> = (0..4).map(|n| cpf(4242 + n)).collect();
    let mut ids = vec![];
    for (n, digits) in cpfs.iter().enumerate() {
        let document = if n % 2 == 0 { punctuated(digits) } else { digits.clone() };
        let input = json!({ "name": format!("Cliente {n}"), "document": document,
            "emails": [format!("c{n}@example.com")] });
        let created =
            post(addr, &admin, &contract::operation("CreateCustomer"), json!({ "input": input })).await;
        ids.push(created["data"]["createCustomer"]["id"].as_str().expect("created").to_owned());
    }
    for digits in &cpfs {
        for term in [digits.clone(), punctuated(digits), digits[4..].to_owned()] {
            let found = post(addr, &admin, SEARCH, json!({ "search": term })).await;
            assert_eq!(found["data"]["customers"]["totalCount"], 1, "{found}");
            let found = get(addr, &admin, SEARCH, json!({ "search": term })).await;
            assert_eq!(found["data"]["customers"]["totalCount"], 1, "{found}");
        }
        // The export, by the URL and by the form the web app posts.
        let request = Request::get(format!("/export/customers.csv?search={digits}"))
            .header(header::AUTHORIZATION, format!("Bearer {admin}"))
            .body(Body::empty())
            .unwrap();
        let (status, csv) = send(addr, request).await;
        assert_eq!(status, 200);
        assert!(csv.contains(&punctuated(digits)), "{csv}");
        let request = Request::post("/export/customers.csv")
            .header(header::AUTHORIZATION, format!("Bearer {admin}"))
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(format!("search={}", encode(&punctuated(digits)))))
            .unwrap();
        let (status, csv) = send(addr, request).await;
        assert_eq!(status, 200);
        assert!(csv.contains(&punctuated(digits)), "{csv}");
    }
    // Updates, a duplicate, a bad check digit, a CPF of the wrong length.
    let update = contract::operation("UpdateCustomer");
    let input = json!({ "name": "Cliente Zero", "document": cpfs[0] });
    let updated = post(addr, &admin, &update, json!({ "id": ids[0], "input": input })).await;
    assert!(updated["errors"].is_null(), "{updated}");
    let duplicate = json!({ "name": "Cliente Zero", "document": punctuated(&cpfs[1]) });
    let refused = post(addr, &admin, &update, json!({ "id": ids[0], "input": duplicate })).await;
    assert_eq!(refused["errors"][0]["extensions"]["code"], "CONFLICT");
    let mut wrong = cpfs[2].clone();
    let last = wrong.pop().unwrap().to_digit(10).unwrap();
    wrong.push(char::from_digit((last + 1) % 10, 10).unwrap());
    for bad in [wrong.clone(), punctuated(&wrong), format!("{}1", cpfs[3])] {
        let input = json!({ "input": { "name": "Ruim", "document": bad } });
        let refused = post(addr, &admin, &contract::operation("CreateCustomer"), input).await;
        assert_eq!(refused["errors"][0]["extensions"]["code"], "BAD_USER_INPUT", "{refused}");
        let refused = get(addr, &admin, SEARCH, json!({ "search": bad, "first": "x" })).await;
        assert!(refused["errors"].is_array() || refused["data"].is_object());
    }
    // A stored document that no longer parses: INTERNAL, and the log names no value.
    let workshop = app.workshop_id(&admin).await;
    let broken = app.insert_customer(workshop, "Quebrado", &wrong).await;
    let read = post(
        addr,
        &admin,
        "query($id: ID!) { customer(id: $id) { document } }",
        json!({ "id": broken.to_string() }),
    )
    .await;
    assert_eq!(read["errors"][0]["extensions"]["code"], "INTERNAL", "{read}");
    // An erasure.
    let erased = post(
        addr,
        &admin,
        &contract::operation("EraseCustomer"),
        json!({ "id": ids[1], "confirmName": "Cliente 1" }),
    )
    .await;
    assert!(erased["errors"].is_null(), "{erased}");

    let logs = captured.text();
    assert!(logs.contains("internal error"), "the capture works: the INTERNAL error is logged");
    // Not asserted: that the request log's own lines were captured. tracing caches each callsite's
    // interest process-wide, and a callsite first hit by a parallel test (no subscriber) can stay
    // off for this thread's scoped subscriber under load (seen in CI).
    let mut used: Vec<String> = cpfs.clone();
    used.push(wrong);
    for digits in used {
        for form in [digits.clone(), punctuated(&digits)] {
            assert!(!logs.contains(&form), "the logs hold the CPF {form}:\n{logs}");
        }
    }
}
