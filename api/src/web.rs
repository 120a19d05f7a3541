//! Serves the single-page app: its files, and `index.html` for every other path so deep links work.
//! The build embeds `dist/` (a release binary carries the SPA); `OFICINA_WEB_DIR` serves a folder instead.

use std::path::{Path, PathBuf};

use axum::Router;
use axum::body::Body;
use axum::http::{StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use rust_embed::Embed;
use sha2::{Digest, Sha256};
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

/// The `'sha256-…'` sources of the inline scripts in the SPA's `index.html` (trunk's loader of the
/// wasm), for the Content-Security-Policy; none when there is no `index.html`.
pub fn inline_script_hashes(web_dir: Option<&Path>) -> Vec<String> {
    let index = match web_dir {
        Some(dir) => std::fs::read(dir.join("index.html")).ok(),
        None => EmbeddedSpa::get("index.html").map(|file| file.data.into_owned()),
    };
    let Some(html) = index.and_then(|bytes| String::from_utf8(bytes).ok()) else { return Vec::new() };
    html.split("<script")
        .skip(1)
        .filter_map(|rest| {
            let (attributes, rest) = rest.split_once('>')?;
            let (script, _) = rest.split_once("</script>")?;
            let inline = !attributes.contains("src=");
            inline.then(|| format!("'sha256-{}'", STANDARD.encode(Sha256::digest(script.as_bytes()))))
        })
        .collect()
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
