//! A stand-in for SendGrid's v3 mail-send API on a local port, recording each request.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use oficina_api::config::MailConfig;
use serde_json::Value;

use super::{Options, wait_for};

/// A stand-in for SendGrid on port 0: records every request and answers like the real service,
/// 202 Accepted for a mail send with the right key, after failing the first `failures` with 503.
pub struct FakeSendGrid {
    base_url: String,
    pub requests: Arc<Mutex<Vec<Recorded>>>,
}

/// One request as the fake received it.
#[derive(Clone, Debug)]
pub struct Recorded {
    pub method: Method,
    pub path: String,
    pub headers: HeaderMap,
    pub body: Value,
}

/// The key the fake accepts.
pub const API_KEY: &str = "SG.test-key";

impl FakeSendGrid {
    /// A fake that answers at once.
    pub async fn start(failures: usize) -> FakeSendGrid {
        Self::start_with(failures, Duration::ZERO).await
    }

    /// A fake that takes `delay` to answer each request (so that workers overlap).
    pub async fn start_with(failures: usize, delay: Duration) -> FakeSendGrid {
        #[derive(Clone)]
        struct Fake {
            requests: Arc<Mutex<Vec<Recorded>>>,
            failures: usize,
            delay: Duration,
        }
        async fn handle(
            State(fake): State<Fake>,
            method: Method,
            uri: Uri,
            headers: HeaderMap,
            body: Bytes,
        ) -> StatusCode {
            let body = serde_json::from_slice(&body).unwrap_or(Value::Null);
            let count = {
                let mut requests = fake.requests.lock().unwrap();
                requests.push(Recorded {
                    method: method.clone(),
                    path: uri.path().to_owned(),
                    headers: headers.clone(),
                    body,
                });
                requests.len()
            };
            tokio::time::sleep(fake.delay).await;
            let authorized = headers.get("authorization").is_some_and(|v| v == &format!("Bearer {API_KEY}"));
            match (method, uri.path(), authorized) {
                (Method::POST, "/v3/mail/send", true) if count > fake.failures => StatusCode::ACCEPTED,
                (Method::POST, "/v3/mail/send", true) => StatusCode::SERVICE_UNAVAILABLE,
                (_, _, false) => StatusCode::UNAUTHORIZED,
                _ => StatusCode::NOT_FOUND,
            }
        }
        let requests = Arc::new(Mutex::new(Vec::new()));
        let router = axum::Router::new().fallback(handle).with_state(Fake {
            requests: requests.clone(),
            failures,
            delay,
        });
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base_url = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, router).await });
        FakeSendGrid { base_url, requests }
    }

    /// The mail settings that send through this fake.
    pub fn config(&self) -> MailConfig {
        MailConfig::SendGrid { api_key: API_KEY.into(), base_url: self.base_url.clone() }
    }

    /// A test app's options that send its mail through this fake.
    pub fn options(&self) -> Options {
        Options { mail: Some(self.config()), ..Options::default() }
    }

    /// Waits (10 s at most) for `count` requests; returns them all.
    pub async fn wait_for_requests(&self, count: usize) -> Vec<Recorded> {
        let requests = self.requests.clone();
        wait_for(
            async || Some(requests.lock().unwrap().clone()).filter(|r| r.len() >= count),
            "requests to the fake SendGrid",
        )
        .await
    }
}
