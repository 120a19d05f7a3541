//! GraphiQL, served by the binary alone: our page and starter script (`api/graphiql/`) with the
//! browser bundles of npm's `graphiql`, `react` and `react-dom`, pinned by `api/graphiql/package-lock.json`
//! and installed there by `cargo xtask` (`npm ci`). Nothing comes from another origin, so the page
//! runs under the app's own Content-Security-Policy, and it works on a network without internet.

use axum::body::Body;
use axum::extract::Path;
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use rust_embed::Embed;

/// The files the page loads, under `/graphiql/`; a build without `npm ci` has only ours.
#[derive(Embed)]
#[folder = "graphiql"]
#[include = "index.html"]
#[include = "graphiql.js"]
#[include = "node_modules/graphiql/graphiql.min.js"]
#[include = "node_modules/graphiql/graphiql.min.css"]
#[include = "node_modules/react/umd/react.production.min.js"]
#[include = "node_modules/react-dom/umd/react-dom.production.min.js"]
struct Assets;

/// What GET /graphql answers when the build has no GraphiQL bundle.
const MISSING: &str = "<!doctype html><meta charset=\"utf-8\"><title>GraphiQL</title>\
    <p>O GraphiQL não foi incluído nesta compilação: rode <code>cargo xtask dist</code> \
    (ou <code>npm ci</code> em <code>api/graphiql</code> antes de compilar).</p>\
    <p>GraphiQL is not in this build: run <code>cargo xtask dist</code> \
    (or <code>npm ci</code> in <code>api/graphiql</code> before building).</p>";

/// GraphiQL's page; when the build has no GraphiQL bundle, a page saying how to get it.
pub fn page() -> Response {
    let bundled = Assets::get("node_modules/graphiql/graphiql.min.js").is_some();
    match Assets::get("index.html") {
        Some(index) if bundled => Html(index.data.into_owned()).into_response(),
        _ => (StatusCode::SERVICE_UNAVAILABLE, Html(MISSING)).into_response(),
    }
}

/// A file of the page, `GET /graphiql/{*path}`, with its content type.
pub async fn asset(Path(path): Path<String>) -> Response {
    let Some(file) = Assets::get(&path) else { return StatusCode::NOT_FOUND.into_response() };
    let content_type = file.metadata.mimetype().to_owned();
    ([(header::CONTENT_TYPE, content_type)], Body::from(file.data.into_owned())).into_response()
}
