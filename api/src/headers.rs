//! The security headers every response carries: a Content-Security-Policy the wasm app runs under
//! (its one inline script, trunk's loader, allowed by hash), no sniffing, no referrer (tokens are in
//! `/convite/…` and `/redefinir-senha/…` paths), no framing, and HSTS when the app is served over
//! HTTPS.

use axum::Router;
use axum::http::{HeaderName, HeaderValue, header};
use tower_http::set_header::SetResponseHeaderLayer;

/// The policy of every response, GraphiQL's included (it is served from the binary, no CDN, and
/// its stylesheet carries its fonts as `data:` URLs); `{scripts}` is where the inline scripts'
/// hashes go.
const POLICY: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{scripts}; \
    style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; \
    frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/// The policy with `script_hashes` (`'sha256-…'` sources) allowed besides the app's own files.
pub fn policy(script_hashes: &[String]) -> String {
    let scripts: String = script_hashes.iter().map(|hash| format!(" {hash}")).collect();
    POLICY.replace("{scripts}", &scripts)
}

/// Tells browsers to reach the site (and its subdomains) only over HTTPS for a year.
pub const HSTS: &str = "max-age=31536000; includeSubDomains";

/// `router` with the security headers on every response, and [`HSTS`] when the app is served
/// over `https`.
pub fn secure(router: Router, policy: &str, https: bool) -> Router {
    let fixed = |name: HeaderName, value: &'static str| {
        SetResponseHeaderLayer::overriding(name, HeaderValue::from_static(value))
    };
    let policy = HeaderValue::from_str(policy).expect("a policy is a valid header value");
    let router = if https { router.layer(fixed(header::STRICT_TRANSPORT_SECURITY, HSTS)) } else { router };
    router
        .layer(SetResponseHeaderLayer::overriding(header::CONTENT_SECURITY_POLICY, policy))
        .layer(fixed(header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .layer(fixed(header::REFERRER_POLICY, "no-referrer"))
        .layer(fixed(header::X_FRAME_OPTIONS, "DENY"))
}
