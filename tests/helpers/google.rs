//! A stand-in for Google's OpenID provider on a local port: an authorization endpoint that
//! sends the browser back with a code, a token endpoint that checks exactly what Google checks
//! (the code, once; the PKCE verifier; the redirect URI; the client's credentials) and answers
//! with an RS256 id token, and a JWKS endpoint with the key the fake generated.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, LazyLock, Mutex};

use aws_lc_rs::rand::SystemRandom;
use aws_lc_rs::rsa::{KeyPair, KeySize, PublicKeyComponents};
use aws_lc_rs::signature::{KeyPair as _, RSA_PKCS1_SHA256};
use axum::extract::{Form, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use oficina_api::config::GoogleConfig;
use serde_json::{Value, json};

/// The client the fake knows.
pub const CLIENT_ID: &str = "oficina-test.apps.googleusercontent.com";
pub const CLIENT_SECRET: &str = "test-google-secret";
/// The fake's issuer: Google's.
pub const ISSUER: &str = "https://accounts.google.com";

/// The fake's signing key, and another one the fake does not publish.
static KEY: LazyLock<KeyPair> = LazyLock::new(|| KeyPair::generate(KeySize::Rsa2048).expect("an RSA key"));
static FOREIGN_KEY: LazyLock<KeyPair> =
    LazyLock::new(|| KeyPair::generate(KeySize::Rsa2048).expect("an RSA key"));
/// The published key's id.
pub const KID: &str = "fake-key-1";

/// The Google account the next authorization signs in as.
#[derive(Clone, Debug)]
pub struct Account {
    pub sub: String,
    pub email: String,
    pub email_verified: bool,
}

impl Account {
    /// A verified account.
    pub fn verified(sub: &str, email: &str) -> Account {
        Account { sub: sub.into(), email: email.into(), email_verified: true }
    }
}

/// What the next id token gets wrong.
#[derive(Clone, Debug, Default)]
pub struct Tamper {
    pub audience: Option<String>,
    pub issuer: Option<String>,
    /// Expired an hour ago.
    pub expired: bool,
    pub nonce: Option<String>,
    /// A key id the JWKS does not have (signed with a key the fake does not publish).
    pub unknown_kid: bool,
    /// Signed with another key under the published key id.
    pub bad_signature: bool,
}

/// An authorization the fake issued a code for.
#[derive(Clone, Debug)]
struct Issued {
    redirect_uri: String,
    challenge: String,
    nonce: String,
    account: Account,
    tamper: Tamper,
    used: bool,
}

#[derive(Default)]
struct Fake {
    next: Mutex<Option<(Account, Tamper)>>,
    codes: Mutex<HashMap<String, Issued>>,
    /// Token requests refused, with why.
    refusals: Mutex<Vec<String>>,
    jwks_fetches: AtomicUsize,
    counter: AtomicUsize,
}

/// The fake provider, serving on port 0 until the test ends.
pub struct FakeGoogle {
    pub base_url: String,
    fake: Arc<Fake>,
}

impl FakeGoogle {
    pub async fn start() -> FakeGoogle {
        let fake = Arc::new(Fake::default());
        let router = axum::Router::new()
            .route("/authorize", get(authorize_endpoint))
            .route("/token", post(token))
            .route("/certs", get(certs))
            .with_state(fake.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base_url = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, router).await });
        FakeGoogle { base_url, fake }
    }

    /// The configuration that signs in through this fake.
    pub fn config(&self) -> GoogleConfig {
        GoogleConfig {
            client_id: CLIENT_ID.into(),
            client_secret: CLIENT_SECRET.into(),
            auth_url: format!("{}/authorize", self.base_url),
            token_url: format!("{}/token", self.base_url),
            jwks_url: format!("{}/certs", self.base_url),
            issuer: ISSUER.into(),
        }
    }

    /// The next authorization signs in as `account`, with an id token tampered as `tamper` says.
    pub fn next_sign_in(&self, account: Account, tamper: Tamper) {
        *self.fake.next.lock().unwrap() = Some((account, tamper));
    }

    /// What the authorization endpoint does with `url` (the app's redirect to it): the URL it
    /// sends the browser back to, with a code and the state.
    pub fn authorize(&self, url: &str) -> Result<String, String> {
        let query = url.split_once('?').map(|(_, q)| q).ok_or("no query")?;
        self.fake.authorize(&parse_query(query))
    }

    /// Why the token endpoint refused requests, in order.
    pub fn refusals(&self) -> Vec<String> {
        self.fake.refusals.lock().unwrap().clone()
    }

    /// How many times the JWKS was fetched.
    pub fn jwks_fetches(&self) -> usize {
        self.fake.jwks_fetches.load(Ordering::SeqCst)
    }
}

/// The parameters of a query string.
pub fn parse_query(query: &str) -> HashMap<String, String> {
    axum::extract::Query::<HashMap<String, String>>::try_from_uri(
        &format!("/?{query}").parse().expect("a URI"),
    )
    .map(|q| q.0)
    .unwrap_or_default()
}

impl Fake {
    fn authorize(&self, params: &HashMap<String, String>) -> Result<String, String> {
        let get = |name: &str| params.get(name).cloned().ok_or(format!("no {name}"));
        if get("client_id")? != CLIENT_ID || get("response_type")? != "code" {
            return Err("wrong client or response type".into());
        }
        if get("code_challenge_method")? != "S256" || !get("scope")?.split(' ').any(|s| s == "openid") {
            return Err("no S256 challenge or no openid scope".into());
        }
        let (account, tamper) = self.next.lock().unwrap().clone().ok_or("no account set")?;
        let code = format!("code-{}", self.counter.fetch_add(1, Ordering::SeqCst));
        let redirect_uri = get("redirect_uri")?;
        let issued = Issued {
            redirect_uri: redirect_uri.clone(),
            challenge: get("code_challenge")?,
            nonce: get("nonce")?,
            account,
            tamper,
            used: false,
        };
        self.codes.lock().unwrap().insert(code.clone(), issued);
        let state = get("state")?;
        let encode = |v: &str| url_encode(v);
        Ok(format!("{redirect_uri}?code={}&state={}", encode(&code), encode(&state)))
    }

    fn refuse(&self, why: &str) -> Response {
        self.refusals.lock().unwrap().push(why.to_owned());
        (StatusCode::BAD_REQUEST, axum::Json(json!({ "error": "invalid_grant", "error_description": why })))
            .into_response()
    }
}

fn url_encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

async fn authorize_endpoint(
    State(fake): State<Arc<Fake>>,
    Query(params): Query<HashMap<String, String>>,
) -> Response {
    match fake.authorize(&params) {
        Ok(back) => Redirect::to(&back).into_response(),
        Err(why) => (StatusCode::BAD_REQUEST, why).into_response(),
    }
}

async fn token(
    State(fake): State<Arc<Fake>>,
    headers: HeaderMap,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    let expected = format!("Basic {}", STANDARD.encode(format!("{CLIENT_ID}:{CLIENT_SECRET}")));
    if headers.get(header::AUTHORIZATION).is_none_or(|v| v.as_bytes() != expected.as_bytes()) {
        return fake.refuse("client credentials");
    }
    if form.get("grant_type").map(String::as_str) != Some("authorization_code") {
        return fake.refuse("grant type");
    }
    let code = form.get("code").cloned().unwrap_or_default();
    let issued = {
        let mut codes = fake.codes.lock().unwrap();
        let Some(issued) = codes.get_mut(&code) else { return fake.refuse("unknown code") };
        if issued.used {
            return fake.refuse("code used already");
        }
        issued.used = true;
        issued.clone()
    };
    if form.get("redirect_uri") != Some(&issued.redirect_uri) {
        return fake.refuse("redirect_uri");
    }
    let verifier = form.get("code_verifier").cloned().unwrap_or_default();
    let challenge =
        URL_SAFE_NO_PAD.encode(aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, verifier.as_bytes()));
    if challenge != issued.challenge {
        return fake.refuse("code_verifier");
    }
    axum::Json(json!({
        "access_token": "fake-access-token",
        "token_type": "Bearer",
        "expires_in": 3599,
        "scope": "openid email",
        "id_token": id_token(&issued),
    }))
    .into_response()
}

async fn certs(State(fake): State<Arc<Fake>>) -> axum::Json<Value> {
    fake.jwks_fetches.fetch_add(1, Ordering::SeqCst);
    let public = PublicKeyComponents::<Vec<u8>>::from(KEY.public_key());
    axum::Json(json!({ "keys": [{
        "kty": "RSA", "alg": "RS256", "use": "sig", "kid": KID,
        "n": URL_SAFE_NO_PAD.encode(&public.n), "e": URL_SAFE_NO_PAD.encode(&public.e),
    }]}))
}

/// The id token of an authorization, signed RS256.
fn id_token(issued: &Issued) -> String {
    let tamper = &issued.tamper;
    let now = chrono::Utc::now().timestamp();
    let exp = if tamper.expired { now - 3600 } else { now + 3600 };
    let kid = if tamper.unknown_kid { "unknown-key" } else { KID };
    let header = json!({ "alg": "RS256", "typ": "JWT", "kid": kid });
    let claims = json!({
        "iss": tamper.issuer.clone().unwrap_or_else(|| ISSUER.into()),
        "aud": tamper.audience.clone().unwrap_or_else(|| CLIENT_ID.into()),
        "sub": issued.account.sub,
        "email": issued.account.email,
        "email_verified": issued.account.email_verified,
        "nonce": tamper.nonce.clone().unwrap_or_else(|| issued.nonce.clone()),
        "iat": now - 10,
        "exp": exp,
    });
    let signing_input = format!(
        "{}.{}",
        URL_SAFE_NO_PAD.encode(header.to_string()),
        URL_SAFE_NO_PAD.encode(claims.to_string())
    );
    let key: &KeyPair = if tamper.unknown_kid || tamper.bad_signature { &FOREIGN_KEY } else { &KEY };
    let mut signature = vec![0; key.public_modulus_len()];
    key.sign(&RSA_PKCS1_SHA256, &SystemRandom::new(), signing_input.as_bytes(), &mut signature)
        .expect("signs");
    format!("{signing_input}.{}", URL_SAFE_NO_PAD.encode(signature))
}
