//! The test harness: an app per test on its own database (a SQLite temp file, or a Postgres
//! database cloned from a migrated template when `TEST_DATABASE_URL` is set), requests in-process
//! through the router, and a real server on port 0 for WebSocket and browser tests.

pub mod contract;
pub mod database;
pub mod google;
pub mod redis_server;
pub mod sendgrid;
pub mod ws;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{HeaderMap, Request, StatusCode, header};
use http_body_util::BodyExt;
use oficina_api::client_ip::TrustedProxies;
use oficina_api::config::{Config, DEFAULT_MAIL_FROM, DatabaseConfig, LOADER_DELAY, MailConfig, MailFrom};
use oficina_api::state::AppState;
use serde_json::{Value, json};
use tower::ServiceExt;

pub use database::TestDatabase;

/// An application under test, with its own database.
pub struct TestApp {
    pub router: axum::Router,
    pub state: AppState,
    /// Dropped last: removes the database.
    pub database: TestDatabase,
}

/// What to vary between test apps.
#[derive(Default)]
pub struct Options {
    /// Seed the demo workshop (one login per role).
    pub demo: bool,
    /// Use Redis (`TEST_REDIS_URL`, or `redis_url`) for the bus and the rate limiter, in this namespace.
    pub redis_namespace: Option<String>,
    /// The Redis to use with `redis_namespace` instead of `TEST_REDIS_URL`.
    pub redis_url: Option<String>,
    /// Serve the SPA from this folder.
    pub web_dir: Option<PathBuf>,
    /// How e-mail goes out; by default the log mailer, read with [`TestApp::wait_for_mail`].
    pub mail: Option<MailConfig>,
    /// Turn GraphQL introspection off (`OFICINA_INTROSPECTION=0`).
    pub no_introspection: bool,
    /// `OFICINA_TRUSTED_PROXIES`.
    pub trusted_proxies: Option<&'static str>,
    /// Where the web app is reached (`OFICINA_PUBLIC_URL`) when not [`PUBLIC_URL`].
    pub public_url: Option<&'static str>,
    /// Sign in with Google through this provider (a [`google::FakeGoogle`]).
    pub google: Option<oficina_api::config::GoogleConfig>,
    /// A batch window for the DataLoaders wider than production's, for statement counts that a
    /// loaded machine must not split ([`TestApp::counting_statements`]).
    pub loader_delay: Option<Duration>,
}

/// Where the web app of every test app is: the start of the links in e-mails.
pub const PUBLIC_URL: &str = "http://oficina.test";

/// A GraphQL response with its HTTP status and headers.
#[derive(Debug)]
pub struct Response {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Value,
}

impl Response {
    /// `data`, after asserting there were no errors.
    pub fn data(&self) -> &Value {
        assert!(self.body.get("errors").is_none(), "unexpected errors: {:#}", self.body);
        &self.body["data"]
    }

    /// The first error's `extensions.code`.
    pub fn code(&self) -> &str {
        self.body["errors"][0]["extensions"]["code"]
            .as_str()
            .unwrap_or_else(|| panic!("no error code in {:#}", self.body))
    }

    /// The first error's `extensions.field`.
    pub fn field(&self) -> &str {
        self.body["errors"][0]["extensions"]["field"]
            .as_str()
            .unwrap_or_else(|| panic!("no error field in {:#}", self.body))
    }

    /// Asserts the first error has this code (and field, when given).
    pub fn assert_error(&self, code: &str, field: Option<&str>) {
        assert_eq!(self.code(), code, "{:#}", self.body);
        if let Some(field) = field {
            assert_eq!(self.field(), field, "{:#}", self.body);
        }
        let message = self.body["errors"][0]["message"].as_str().unwrap_or_default();
        assert!(!message.is_empty(), "an error needs a message: {:#}", self.body);
    }
}

impl TestApp {
    /// An app on a fresh database with the default options.
    pub async fn spawn() -> TestApp {
        Self::spawn_with(Options::default()).await
    }

    /// An app for counting statements: its DataLoaders wait 100 ms for keys, so resolvers
    /// slowed by a loaded machine still join one batch and the count is the request's own.
    pub async fn counting_statements() -> TestApp {
        Self::spawn_with(Options { loader_delay: Some(Duration::from_millis(100)), ..Options::default() })
            .await
    }

    /// An app on a fresh database with `options`.
    pub async fn spawn_with(options: Options) -> TestApp {
        let database = TestDatabase::create().await;
        Self::on_database(database, options).await
    }

    /// A second node sharing this app's database (and, with `redis_namespace`, its Redis).
    pub async fn another_node(&self, options: Options) -> TestApp {
        Self::on_database(self.database.share(), options).await
    }

    async fn on_database(database: TestDatabase, options: Options) -> TestApp {
        let redis_url =
            options.redis_namespace.as_ref().map(|_| options.redis_url.clone().unwrap_or_else(redis_url));
        let config = Config {
            addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            data_dir: database.data_dir(),
            database: database.config(),
            redis_url,
            redis_namespace: options.redis_namespace.unwrap_or_else(|| "oficina-test".into()),
            demo: options.demo,
            web_dir: options.web_dir,
            public_url: options.public_url.unwrap_or(PUBLIC_URL).into(),
            mail: options.mail.unwrap_or_else(|| MailConfig::Log(database.data_dir().join("mail.jsonl"))),
            mail_from: MailFrom::parse(DEFAULT_MAIL_FROM).unwrap(),
            introspection: !options.no_introspection,
            trusted_proxies: TrustedProxies::parse(options.trusted_proxies.unwrap_or_default()).unwrap(),
            google: options.google,
            loader_delay: options.loader_delay.unwrap_or(LOADER_DELAY),
        };
        let app = oficina_api::build(&config).await.expect("app builds");
        TestApp { router: app.router, state: app.state, database }
    }

    /// Posts a GraphQL operation, as the holder of `token` when given.
    pub async fn graphql(&self, query: &str, variables: Value, token: Option<&str>) -> Response {
        let mut request = Request::post("/graphql");
        if let Some(token) = token {
            request = request.header(header::AUTHORIZATION, format!("Bearer {token}"));
        }
        self.send(graphql_body(request, query, variables)).await
    }

    /// The fewest statements of five runs of `query` with `variables` as the holder of `token`,
    /// each answer checked by `check`, on an app from [`TestApp::counting_statements`]: what the
    /// request costs when every DataLoader batch holds all the keys of its page.
    pub async fn fewest_statements(
        &self,
        query: &str,
        variables: Value,
        token: &str,
        check: impl Fn(&Response),
    ) -> u64 {
        let mut fewest = u64::MAX;
        for _ in 0..5 {
            let before = self.state.db.query_count();
            let response = self.graphql(query, variables.clone(), Some(token)).await;
            check(&response);
            fewest = fewest.min(self.state.db.query_count() - before);
        }
        fewest
    }

    /// Runs the contract operation `name` exactly as written in ../shared/contract.
    pub async fn op(&self, name: &str, variables: Value, token: Option<&str>) -> Response {
        self.graphql(&contract::operation(name), variables, token).await
    }

    /// Runs the contract operation `name`, signed out, as if its socket's peer were `peer`, with
    /// `X-Forwarded-For: forwarded` when given. (Other in-process requests have no peer.)
    pub async fn op_from(
        &self,
        peer: &str,
        forwarded: Option<&str>,
        name: &str,
        variables: Value,
    ) -> Response {
        let peer = SocketAddr::new(peer.parse().expect("an IP address"), 40_000);
        let mut request = Request::post("/graphql").extension(ConnectInfo(peer));
        if let Some(forwarded) = forwarded {
            request = request.header("x-forwarded-for", forwarded);
        }
        self.send(graphql_body(request, &contract::operation(name), variables)).await
    }

    /// Sends any request through the router.
    pub async fn send(&self, request: Request<Body>) -> Response {
        let response = self.router.clone().oneshot(request).await.expect("router answers");
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response.into_body().collect().await.expect("body").to_bytes();
        let body = serde_json::from_slice(&bytes)
            .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into_owned()));
        Response { status, headers, body }
    }

    /// Starts a real server on a free port; returns its address. It stops with the test.
    pub async fn serve(&self) -> SocketAddr {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let service = self.router.clone().into_make_service_with_connect_info::<SocketAddr>();
        tokio::spawn(async move { axum::serve(listener, service).await });
        addr
    }

    /// Registers a workshop through the contract's RegisterWorkshop; returns its admin's token.
    pub async fn register(&self, cnpj: &str, email: &str) -> String {
        let response = self
            .op(
                "RegisterWorkshop",
                json!({ "input": {
                    "workshopName": format!("Oficina {email}"), "cnpj": cnpj,
                    "adminName": "José Admin", "email": email, "password": PASSWORD,
                }}),
                None,
            )
            .await;
        response.data()["registerWorkshop"]["token"].as_str().unwrap().to_owned()
    }

    /// Adds a staff member as the admin holding `admin_token`; returns their sign-in token.
    pub async fn add_staff(&self, admin_token: &str, email: &str, role: &str) -> String {
        let added = self
            .op(
                "AddStaff",
                json!({ "input": { "name": "Pessoa da Equipe", "email": email, "password": PASSWORD, "role": role }}),
                Some(admin_token),
            )
            .await;
        added.data();
        self.sign_in(email).await
    }

    /// Signs in with the shared test password; returns the token.
    pub async fn sign_in(&self, email: &str) -> String {
        let response = self.op("SignIn", json!({ "email": email, "password": PASSWORD }), None).await;
        response.data()["signIn"]["token"].as_str().unwrap().to_owned()
    }

    /// How many events the workshops of this database recorded.
    pub async fn event_count(&self) -> i64 {
        use diesel::prelude::*;
        use diesel_async::RunQueryDsl;
        use oficina_domain::schema::events;
        let mut pooled = self.state.db.get().await.unwrap();
        oficina_domain::run!(&mut pooled.conn(), |c| events::table.count().get_result(c).await).unwrap()
    }
}

impl TestApp {
    /// The messages the log mailer wrote so far, one JSON object each; a last line the mailer is
    /// still writing (no newline yet) is left for the next read.
    pub fn mail_log(&self) -> Vec<Value> {
        let text = std::fs::read_to_string(self.database.data_dir().join("mail.jsonl")).unwrap_or_default();
        let complete = text.rfind('\n').map_or("", |end| &text[..end]);
        complete.lines().map(|line| serde_json::from_str(line).expect("one JSON object per line")).collect()
    }

    /// Waits (10 s at most) until the log mailer wrote `count` messages; returns them all.
    pub async fn wait_for_mail(&self, count: usize) -> Vec<Value> {
        wait_for(
            async || Some(self.mail_log()).filter(|mail| mail.len() >= count),
            "the log mailer's messages",
        )
        .await
    }

    /// A customer made of `customer` (a `CustomerInput`) with a Fiat Argo of `plate`, created as
    /// the holder of `token`: (customer id, vehicle id).
    pub async fn customer_with_car(&self, token: &str, customer: Value, plate: &str) -> (String, String) {
        let created = self.op("CreateCustomer", json!({ "input": customer }), Some(token)).await;
        let id = created.data()["createCustomer"]["id"].as_str().unwrap().to_owned();
        let car = json!({ "customerId": id, "plate": plate, "kind": "CAR", "brand": "Fiat", "model": "Argo",
            "year": 2021, "fuel": "FLEX", "doors": 4, "odometerKm": 1000 });
        let vehicle = self.op("CreateVehicle", json!({ "input": car }), Some(token)).await;
        let vehicle = vehicle.data()["createVehicle"]["id"].as_str().unwrap().to_owned();
        (id, vehicle)
    }

    /// Invites customer `customer_id` to the portal at `email` as the holder of `admin`; returns
    /// the token of the invitation link the log mailer wrote.
    pub async fn invitation_token(&self, admin: &str, customer_id: &str, email: &str) -> String {
        let sent = self.mail_log().len();
        let invited = self
            .op("InviteCustomer", json!({ "customerId": customer_id, "email": email }), Some(admin))
            .await;
        assert_eq!(invited.data()["inviteCustomer"], true);
        let mail = self.wait_for_mail(sent + 1).await;
        let invitation = mail.iter().rev().find(|m| m["to"] == email).expect("the invitation");
        crate::portal_access::token_in(invitation["text"].as_str().unwrap(), "convite")
    }

    /// The id of the workshop the holder of `token` acts in.
    pub async fn workshop_id(&self, token: &str) -> i64 {
        let me = self.op("Me", json!({}), Some(token)).await;
        me.data()["me"]["membership"]["workshop"]["id"].as_str().unwrap().parse().unwrap()
    }

    /// Inserts a customer straight into the database (until the CRM has its API); returns its id.
    pub async fn insert_customer(&self, workshop_id: i64, name: &str, document: &str) -> i64 {
        use diesel::prelude::*;
        use diesel_async::RunQueryDsl;
        use oficina_domain::schema::customers;
        let now = chrono::Utc::now().naive_utc();
        let mut pooled = self.state.db.get().await.unwrap();
        oficina_domain::run!(&mut pooled.conn(), |c| {
            diesel::insert_into(customers::table)
                .values((
                    customers::workshop_id.eq(workshop_id),
                    customers::kind.eq("PERSON"),
                    customers::name.eq(name),
                    customers::document.eq(document),
                    customers::search_text.eq(name.to_lowercase()),
                    customers::sort_name.eq(name.to_lowercase()),
                    customers::created_at.eq(now),
                    customers::updated_at.eq(now),
                ))
                .returning(customers::id)
                .get_result(c)
                .await
        })
        .unwrap()
    }
}

/// Runs the contract operation `name`, signed out, over a real socket to the server at `addr`,
/// with `X-Forwarded-For: forwarded` when given.
pub async fn over_socket(
    addr: SocketAddr,
    forwarded: Option<&str>,
    name: &str,
    variables: Value,
) -> Response {
    let client = hyper_util::client::legacy::Client::builder(hyper_util::rt::TokioExecutor::new())
        .build_http::<Body>();
    let mut request = Request::post(format!("http://{addr}/graphql"));
    if let Some(forwarded) = forwarded {
        request = request.header("x-forwarded-for", forwarded);
    }
    let response = client
        .request(graphql_body(request, &contract::operation(name), variables))
        .await
        .expect("the server answers");
    let (status, headers) = (response.status(), response.headers().clone());
    let bytes = response.into_body().collect().await.expect("body").to_bytes();
    Response { status, headers, body: serde_json::from_slice(&bytes).expect("a JSON answer") }
}

/// `request` with a JSON body of `query` and `variables`.
fn graphql_body(request: axum::http::request::Builder, query: &str, variables: Value) -> Request<Body> {
    let body = json!({ "query": query, "variables": variables }).to_string();
    request.header(header::CONTENT_TYPE, "application/json").body(Body::from(body)).unwrap()
}

/// Polls `probe` every 50 ms until it gives a value, for 10 s at most; panics naming `what`.
pub async fn wait_for<T>(mut probe: impl AsyncFnMut() -> Option<T>, what: &str) -> T {
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        if let Some(value) = probe().await {
            return value;
        }
        assert!(tokio::time::Instant::now() < deadline, "waited 10 s for {what}");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

/// The password every test user gets.
pub const PASSWORD: &str = "senha-segura-123";

/// Valid CNPJs for tests: numeric, and the alphanumeric form of 2026.
pub const CNPJ_A: &str = "11.222.333/0001-81";
pub const CNPJ_B: &str = "12.ABC.345/01DE-35";

/// The Redis of the Redis tests; in CI a missing `TEST_REDIS_URL` is a failure.
pub fn redis_url() -> String {
    std::env::var("TEST_REDIS_URL").expect("TEST_REDIS_URL must point at Redis for this test")
}

/// Whether the Redis tests can run; outside CI they are skipped when `TEST_REDIS_URL` is unset.
pub fn redis_available() -> bool {
    service_available("TEST_REDIS_URL")
}

/// Whether a test that needs the service `variable` points at can run: outside CI it is skipped
/// when the variable is unset; in CI a missing variable is a failure.
fn service_available(variable: &str) -> bool {
    if std::env::var(variable).is_ok() {
        return true;
    }
    assert!(std::env::var("CI").is_err(), "CI must set {variable}");
    eprintln!("skipped: {variable} is not set");
    false
}

impl TestDatabase {
    /// A migrated pool of `max_size` connections to this database, without an app (and so
    /// without an outbox worker) on it.
    pub async fn open(&self, max_size: usize) -> oficina_domain::Db {
        let db = match self.config() {
            DatabaseConfig::Sqlite(path) => oficina_domain::Db::sqlite(&path, max_size),
            DatabaseConfig::Postgres(url) => oficina_domain::Db::postgres(&url, max_size),
        };
        let db = db.expect("the test database opens");
        db.migrate().await.expect("the test database migrates");
        db
    }

    fn config(&self) -> DatabaseConfig {
        match self {
            TestDatabase::Sqlite { dir } => DatabaseConfig::Sqlite(dir.path().join("oficina.db")),
            TestDatabase::Postgres { url, .. } => DatabaseConfig::Postgres(url.clone()),
            TestDatabase::Shared(inner) => inner.config(),
        }
    }

    fn data_dir(&self) -> PathBuf {
        match self {
            TestDatabase::Sqlite { dir } => dir.path().to_path_buf(),
            TestDatabase::Postgres { data_dir, .. } => data_dir.path().to_path_buf(),
            TestDatabase::Shared(inner) => inner.data_dir(),
        }
    }
}
