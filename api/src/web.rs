//! Serves the single-page app: its files, and `index.html` for every other path so deep links work.
//! The build embeds `dist/` (a release binary carries the SPA); `OFICINA_WEB_DIR` serves a folder instead.

use std::path::PathBuf;

use axum::Router;
use axum::body::Body;
use axum::http::{StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use rust_embed::Embed;
use tower_http::services::{ServeDir, ServeFile};

#[derive(Embed)]
#[folder = "../dist"]
#[allow_missing = true]
struct EmbeddedSpa;

/// The SPA as a fallback router: files by path, `index.html` for anything else.
pub fn spa(web_dir: Option<PathBuf>) -> Router {
    match web_dir {
        Some(dir) => {
            let index = ServeFile::new(dir.join("index.html"));
            Router::new().fallback_service(ServeDir::new(dir).fallback(index))
        }
        None => Router::new().fallback(embedded),
    }
}

async fn embedded(uri: Uri) -> Response {
    let path = uri.path().trim_start_matches('/');
    match EmbeddedSpa::get(path).or_else(|| EmbeddedSpa::get("index.html")) {
        Some(file) => Response::builder()
            .header(header::CONTENT_TYPE, file.metadata.mimetype())
            .body(Body::from(file.data.into_owned()))
            .expect("valid response"),
        None => (
            StatusCode::SERVICE_UNAVAILABLE,
            "A interface web não foi compilada: rode `cargo xtask dist` ou defina OFICINA_WEB_DIR.",
        )
            .into_response(),
    }
}
