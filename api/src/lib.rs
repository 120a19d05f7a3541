#![doc = include_str!("../README.md")]

pub mod auth;
pub mod bus;
pub mod cli;
pub mod client_ip;
pub mod config;
pub mod data_export;
pub mod error;
pub mod export;
pub mod google;
pub mod graphiql;
pub mod graphql;
pub mod headers;
pub mod mail;
pub mod rate_limit;
pub mod shared_redis;
pub mod state;
pub mod web;
pub mod ws;

use std::time::Duration;

use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use oficina_domain::demo::{self, DemoLogin};
use oficina_domain::{Db, Message};
use tower_http::trace::TraceLayer;

use crate::bus::EventBus;
use crate::client_ip::ClientIp;
use crate::config::{Config, DatabaseConfig, MailConfig};
use crate::error::{ApiError, language_from_headers};
use crate::graphql::http::{self, MediaType};
use crate::graphql::limits::LimitedRequest;
use crate::mail::{Mailer, Outbox};
use crate::rate_limit::RateLimiter;
use crate::state::AppState;

/// A built application: its router and shared state, plus the demo logins when it seeded them.
pub struct App {
    pub router: Router,
    pub state: AppState,
    pub demo_logins: Option<Vec<DemoLogin>>,
}

/// Connects to the configured database (running migrations) and event bus, seeds the demo
/// when asked and the database is empty, starts the outbox worker and builds the router.
pub async fn build(config: &Config) -> anyhow::Result<App> {
    let db = open_db(&config.database, 16)?;
    db.migrate().await?;
    let demo_logins = if config.demo {
        let mut pooled = db.get().await?;
        demo::seed_if_empty(&mut pooled.conn()).await?
    } else {
        None
    };
    let (bus, limiter) = match &config.redis_url {
        Some(url) => {
            let pool = shared_redis::pool(url)?;
            let bus = EventBus::redis(url, &config.redis_namespace, pool.clone()).await?;
            (bus, RateLimiter::redis(pool, config.redis_namespace.clone()))
        }
        None => (EventBus::in_process(), RateLimiter::in_memory()),
    };
    if let MailConfig::Log(path) = &config.mail {
        create_parent_dir(path, "OFICINA_DATA_DIR")?;
    }
    // The worker has a pool of its own: deliveries never wait for (or hold) the requests'
    // connections, and the requests' query count is only theirs.
    let outbox = Outbox::spawn(
        open_db(&config.database, 2)?,
        Mailer::new(&config.mail, &config.mail_from),
        config.public_url.clone(),
    );
    // "Grant to all eligible" jobs a stopped server left halfway go on.
    let resumed =
        graphql::resume_grant_jobs(&db, &bus, &outbox).await.map_err(|e| anyhow::anyhow!("{e:?}"))?;
    if resumed > 0 {
        tracing::info!(resumed, "resumed grant jobs");
    }
    let schema = graphql::schema(db.clone(), bus.clone(), limiter.clone(), outbox, config);
    let ws_connections = ws::OpenConnections::default();
    let trusted_proxies = config.trusted_proxies.clone();
    let public_url = config.public_url.clone();
    let google = match &config.google {
        Some(google) => Some(std::sync::Arc::new(google::Google::new(google, &config.public_url)?)),
        None => None,
    };
    let state = AppState { db, bus, limiter, trusted_proxies, ws_connections, schema, public_url, google };
    let router = router(state.clone(), config);
    Ok(App { router, state, demo_logins })
}

/// Runs the pending migrations of the configured database.
pub async fn migrate(database: &DatabaseConfig) -> anyhow::Result<()> {
    Ok(open_db(database, 1)?.migrate().await?)
}

/// A pool of at most `max_size` connections to the configured database.
fn open_db(database: &DatabaseConfig, max_size: usize) -> anyhow::Result<Db> {
    Ok(match database {
        DatabaseConfig::Postgres(url) => Db::postgres(url, max_size)?,
        DatabaseConfig::Sqlite(path) => {
            create_parent_dir(path, "OFICINA_DATA_DIR")?;
            Db::sqlite(path, max_size)?
        }
    })
}

/// Creates the folder `path` goes in, if it has one; an error names `variable`.
fn create_parent_dir(path: &std::path::Path, variable: &str) -> anyhow::Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .map_err(|e| anyhow::anyhow!("{variable}: cannot create {}: {e}", dir.display()))?;
    }
    Ok(())
}

fn router(state: AppState, config: &Config) -> Router {
    let policy = headers::policy(&web::inline_script_hashes(config.web_dir.as_deref()));
    let router = Router::new()
        .route("/graphql", get(graphql_get).post(graphql_post))
        .route("/graphql/ws", get(ws::graphql_ws))
        .route("/graphiql/{*path}", get(graphiql::asset))
        .route("/healthz", get(healthz))
        .route("/export/customers.csv", get(export::customers_csv).post(export::customers_csv_form))
        .route("/lgpd/export/{workshop}/{token}", get(data_export::download))
        .route(google::START_PATH, get(google::start))
        .route(google::CALLBACK_PATH, get(google::callback))
        .with_state(state)
        .merge(web::spa(config.web_dir.clone()));
    headers::secure(router, &policy, auth::is_https(&config.public_url))
        .layer(TraceLayer::new_for_http().make_span_with(request_span))
}

/// The span of a request in the logs: its method and path, never its query string (a GET of
/// `/graphql?variables=…` or `/export/customers.csv?search=…` may carry a CPF, and no CPF goes
/// into a log).
fn request_span<B>(request: &axum::http::Request<B>) -> tracing::Span {
    tracing::debug_span!("request", method = %request.method(), path = %request.uri().path())
}

/// Runs a GraphQL request with its session token, if any, its client's address, and its error
/// messages in the language of its `Accept-Language`, answering in `media`: the schema's
/// [`SessionLookup`](graphql::session::SessionLookup) finds its principal once the document passed
/// the [`limits`](graphql::limits). A cookie that does not show it comes from the web app is
/// FORBIDDEN before anything runs ([`auth::session_token`]).
async fn execute(
    state: &AppState,
    headers: &HeaderMap,
    client: ClientIp,
    media: MediaType,
    request: async_graphql::Request,
) -> Response {
    let language = language_from_headers(headers);
    let user_agent = headers.get(header::USER_AGENT).and_then(|v| v.to_str().ok()).unwrap_or_default();
    let request = request.data(client).data(graphql::UserAgent(user_agent.to_owned()));
    let request = match auth::session_token(headers, &state.public_url) {
        Ok(Some(token)) => request.data(graphql::session::SessionToken(token)),
        Ok(None) => request,
        Err(error) => return http::refusal(StatusCode::FORBIDDEN, language, media, error).await,
    };
    http::answer(&state.schema, request, language, media).await
}

async fn graphql_post(
    State(state): State<AppState>,
    headers: HeaderMap,
    client: ClientIp,
    LimitedRequest(request): LimitedRequest,
) -> Response {
    let Some(media) = MediaType::negotiate(&headers) else { return http::not_acceptable(&headers).await };
    execute(&state, &headers, client, media, request).await
}

/// GET runs queries (never mutations: 405); without a query it shows [GraphiQL](graphiql).
async fn graphql_get(
    State(state): State<AppState>,
    headers: HeaderMap,
    client: ClientIp,
    uri: Uri,
) -> Response {
    if !uri.query().is_some_and(|q| q.contains("query=")) {
        return graphiql::page();
    }
    let Some(media) = MediaType::negotiate(&headers) else { return http::not_acceptable(&headers).await };
    let Some(mut request) = http::from_query_string(&uri) else { return http::malformed(&headers).await };
    let is_mutation = request.parsed_query().is_ok_and(|doc| {
        doc.operations
            .iter()
            .any(|(_, op)| op.node.ty == async_graphql::parser::types::OperationType::Mutation)
    });
    if is_mutation {
        let message =
            Message::new("Mutações só podem ser enviadas por POST.", "Mutations can only be sent by POST.");
        let error = ApiError::bad_input("query", message);
        let language = language_from_headers(&headers);
        let mut refused = http::refusal(StatusCode::METHOD_NOT_ALLOWED, language, media, error).await;
        refused.headers_mut().insert(header::ALLOW, HeaderValue::from_static("POST"));
        return refused;
    }
    execute(&state, &headers, client, media, request).await
}

async fn healthz(State(state): State<AppState>) -> Response {
    match state.db.get().await {
        Ok(_) => "ok".into_response(),
        Err(err) => {
            tracing::error!(err = format!("{err:#}"), "healthz: no database connection");
            (StatusCode::SERVICE_UNAVAILABLE, "unavailable").into_response()
        }
    }
}

/// Waits for SIGTERM or Ctrl-C.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}

/// How long in-flight requests get to finish after the shutdown signal.
pub const DRAIN_TIMEOUT: Duration = Duration::from_secs(10);
