//! Who is calling: the session token from `Authorization: Bearer` or the web app's cookie (which
//! only counts on a request that shows it comes from the web app), and the one guard every
//! resolver uses.

use async_graphql::{Context, Guard};
use axum::http::header::{AUTHORIZATION, COOKIE, HOST, ORIGIN, SET_COOKIE};
use axum::http::{HeaderMap, HeaderName};
use cookie::time::Duration;
use cookie::{Cookie, SameSite};
use oficina_domain::Message;
use oficina_domain::identity::{Principal, Role};

use crate::error::ApiError;

/// The HttpOnly cookie that carries the web app's session token over plain HTTP.
pub const SESSION_COOKIE: &str = "oficina_session";
/// The session cookie's name over HTTPS: the `__Host-` prefix makes the browser keep it only when
/// it is `Secure`, for `Path=/` and without `Domain`, so no other host (a subdomain) can set it.
pub const SECURE_SESSION_COOKIE: &str = "__Host-oficina_session";
/// The header the web app sends with every request: a page of another site cannot send it with
/// the browser's cookie (a custom header needs a CORS preflight, which the server never allows).
pub const CLIENT_HEADER: HeaderName = HeaderName::from_static("x-oficina-client");

/// Every role.
pub const ANYONE_SIGNED_IN: &[Role] =
    &[Role::Admin, Role::Operator, Role::Mechanic, Role::Customer, Role::Partner];
/// The workshop's staff: who may read its customers and vehicles.
pub const STAFF: &[Role] = Role::STAFF;
/// The staff who serve customers at the front desk (administrators and operators): who may
/// change customers and vehicles.
pub const FRONT_DESK: &[Role] = Role::FRONT_DESK;
/// Only the workshop's administrators.
pub const ADMIN: &[Role] = &[Role::Admin];
/// A customer signed in to the portal.
pub const CUSTOMER: &[Role] = &[Role::Customer];

/// A request's session token and where it came from.
#[derive(Debug, PartialEq, Eq)]
pub struct Credential {
    pub token: String,
    /// From the session cookie, which the browser sends by itself (also on requests another site
    /// makes it send), rather than from `Authorization`.
    pub from_cookie: bool,
}

/// The token a request carries: the `Authorization: Bearer` header wins over the `cookie`.
pub fn token_from_headers(headers: &HeaderMap, cookie: SessionCookie) -> Option<Credential> {
    if let Some(token) = headers.get(AUTHORIZATION).and_then(|v| v.to_str().ok()).and_then(bearer_token) {
        return Some(Credential { token, from_cookie: false });
    }
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|found| found.name() == cookie.name() && !found.value().is_empty())
        .map(|found| Credential { token: found.value().to_owned(), from_cookie: true })
}

/// The session token of a request to the app at `public_url`, unless the token came from the
/// cookie on a request that does not show it comes from the web app ([`from_the_app`]): then
/// FORBIDDEN, so another site's page cannot act with the browser's session.
pub fn session_token(headers: &HeaderMap, public_url: &str) -> Result<Option<String>, ApiError> {
    match token_from_headers(headers, SessionCookie::for_public_url(public_url)) {
        Some(credential) if credential.from_cookie && !from_the_app(headers, public_url) => {
            Err(ApiError::CrossSite)
        }
        credential => Ok(credential.map(|c| c.token)),
    }
}

/// Whether a request shows it was sent by the web app at `public_url`: it carries
/// [`CLIENT_HEADER`] (any value), an `Origin` of the app ([`same_origin`]), or the browser's
/// `Sec-Fetch-Site: same-origin` (a download link of the app sends no `Origin`).
pub fn from_the_app(headers: &HeaderMap, public_url: &str) -> bool {
    headers.get(CLIENT_HEADER).is_some_and(|v| !v.is_empty())
        || same_origin(headers, public_url)
        || headers.get("sec-fetch-site").is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"same-origin"))
}

/// Whether the request comes from a page of the web app itself: its `Origin` is the origin of
/// `public_url` (OFICINA_PUBLIC_URL) or names the host the request was sent to.
pub fn same_origin(headers: &HeaderMap, public_url: &str) -> bool {
    let Some(origin) = headers.get(ORIGIN).and_then(|v| v.to_str().ok()) else { return false };
    let host = headers.get(HOST).and_then(|v| v.to_str().ok());
    let authority = origin.split_once("://").map_or(origin, |(_, rest)| rest);
    origin.eq_ignore_ascii_case(origin_of(public_url))
        || host.is_some_and(|h| h.eq_ignore_ascii_case(authority))
}

/// `scheme://host[:port]` of a URL.
fn origin_of(url: &str) -> &str {
    let start = url.find("://").map_or(0, |i| i + 3);
    url[start..].find('/').map_or(url, |end| &url[..start + end])
}

/// Whether `url` (OFICINA_PUBLIC_URL) is served over HTTPS.
pub fn is_https(url: &str) -> bool {
    url.get(..8).is_some_and(|scheme| scheme.eq_ignore_ascii_case("https://"))
}

/// The token of an `Authorization` value of the form `Bearer <token>`.
pub fn bearer_token(value: &str) -> Option<String> {
    let (scheme, token) = value.trim().split_once(' ')?;
    (scheme.eq_ignore_ascii_case("bearer") && !token.trim().is_empty()).then(|| token.trim().to_owned())
}

/// The web app's session cookie: HttpOnly, SameSite=Lax, for the whole site; over HTTPS also
/// `Secure` and named [`SECURE_SESSION_COOKIE`], else named [`SESSION_COOKIE`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SessionCookie {
    secure: bool,
}

impl SessionCookie {
    /// The cookie of the app at `public_url` (OFICINA_PUBLIC_URL): secure when it is https.
    pub fn for_public_url(public_url: &str) -> Self {
        Self { secure: is_https(public_url) }
    }

    /// The cookie's name.
    pub fn name(self) -> &'static str {
        if self.secure { SECURE_SESSION_COOKIE } else { SESSION_COOKIE }
    }

    /// `Set-Cookie` value that stores a session token in the browser for 30 days.
    pub fn set(self, token: &str) -> String {
        self.build(token.to_owned(), Duration::days(30))
    }

    /// `Set-Cookie` value that removes the session cookie.
    pub fn cleared(self) -> String {
        self.build(String::new(), Duration::ZERO)
    }

    fn build(self, value: String, max_age: Duration) -> String {
        Cookie::build((self.name(), value))
            .http_only(true)
            .secure(self.secure)
            .same_site(SameSite::Lax)
            .path("/")
            .max_age(max_age)
            .build()
            .to_string()
    }
}

/// Stores `token` in the web app's session cookie with the answer to `ctx`'s request, or removes
/// the cookie when `None`. The schema holds the [`SessionCookie`] to use.
pub fn set_session_cookie(ctx: &Context<'_>, token: Option<&str>) {
    let cookie = ctx.data_unchecked::<SessionCookie>();
    ctx.insert_http_header(SET_COOKIE, token.map_or_else(|| cookie.cleared(), |token| cookie.set(token)));
}

/// The signed-in principal of a request, or UNAUTHENTICATED.
pub fn principal<'a>(ctx: &Context<'a>) -> Result<&'a Principal, ApiError> {
    ctx.data_opt::<Principal>()
        .ok_or(ApiError::Unauthenticated(Message::new("Entre para continuar.", "Sign in to continue.")))
}

/// Lets a resolver run only for the given roles: UNAUTHENTICATED without a session,
/// FORBIDDEN with another role.
pub struct RoleGuard(pub &'static [Role]);

/// Staff (ADMIN, OPERATOR, MECHANIC) managing their own MFA: allowed to a session that must
/// enrol first, unlike [`RoleGuard`].
pub struct MfaGuard;

impl Guard for MfaGuard {
    async fn check(&self, ctx: &Context<'_>) -> async_graphql::Result<()> {
        if principal(ctx)?.membership.role.is_staff() { Ok(()) } else { Err(ApiError::Forbidden.into()) }
    }
}

impl Guard for RoleGuard {
    async fn check(&self, ctx: &Context<'_>) -> async_graphql::Result<()> {
        let principal = principal(ctx)?;
        if !self.0.contains(&principal.membership.role) {
            return Err(ApiError::Forbidden.into());
        }
        // A session that must enrol in MFA first keeps only what any signed-in user may do
        // (who am I, sign out); the MFA operations use [`MfaGuard`].
        if principal.must_enrol_mfa && self.0 != ANYONE_SIGNED_IN {
            return Err(ApiError::MfaEnrolmentRequired.into());
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use axum::http::HeaderValue;

    use super::*;

    const PLAIN: SessionCookie = SessionCookie { secure: false };
    const SECURE: SessionCookie = SessionCookie { secure: true };

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        pairs
            .iter()
            .map(|(name, value)| (HeaderName::from_static(name), HeaderValue::from_static(value)))
            .collect()
    }

    fn token(headers: &HeaderMap, cookie: SessionCookie) -> Option<(String, bool)> {
        token_from_headers(headers, cookie).map(|c| (c.token, c.from_cookie))
    }

    #[test]
    fn bearer_wins_over_cookie() {
        let mut headers = headers(&[("cookie", "a=1; oficina_session=fromcookie")]);
        assert_eq!(token(&headers, PLAIN), Some(("fromcookie".into(), true)));
        headers.insert(AUTHORIZATION, HeaderValue::from_static("Bearer frombearer"));
        assert_eq!(token(&headers, PLAIN), Some(("frombearer".into(), false)));
        assert_eq!(bearer_token("Basic abc"), None);
        assert_eq!(bearer_token("Bearer "), None);
    }

    #[test]
    fn an_empty_or_absent_session_cookie_is_no_token() {
        assert_eq!(token(&headers(&[("cookie", "oficina_session=; other=x")]), PLAIN), None);
        assert_eq!(token(&headers(&[("cookie", "oficina_sessionx=abc")]), PLAIN), None);
    }

    #[test]
    fn only_the_cookie_name_in_use_is_read() {
        let secure = headers(&[("cookie", "__Host-oficina_session=s")]);
        let plain = headers(&[("cookie", "oficina_session=p")]);
        assert_eq!(token(&secure, SECURE), Some(("s".into(), true)));
        assert_eq!(
            token(&plain, SECURE),
            None,
            "over https a cookie without the prefix could come from anywhere"
        );
        assert_eq!(token(&secure, PLAIN), None);
    }

    #[test]
    fn the_session_cookie_keeps_its_attributes() {
        assert_eq!(PLAIN.set("abc"), "oficina_session=abc; HttpOnly; SameSite=Lax; Path=/; Max-Age=2592000");
        assert_eq!(PLAIN.cleared(), "oficina_session=; HttpOnly; SameSite=Lax; Path=/; Max-Age=0");
        assert_eq!(SessionCookie::for_public_url("http://oficina.test"), PLAIN);
    }

    #[test]
    fn over_https_the_session_cookie_is_secure_with_the_host_prefix() {
        let cookie = SessionCookie::for_public_url("HTTPS://oficina.example.com");
        assert_eq!(cookie, SECURE);
        assert_eq!(
            cookie.set("abc"),
            "__Host-oficina_session=abc; HttpOnly; SameSite=Lax; Secure; Path=/; Max-Age=2592000"
        );
        assert_eq!(
            cookie.cleared(),
            "__Host-oficina_session=; HttpOnly; SameSite=Lax; Secure; Path=/; Max-Age=0"
        );
    }

    #[test]
    fn a_cookie_request_must_show_it_comes_from_the_app() {
        let url = "https://oficina.example.com";
        let with = |extra: &[(&'static str, &'static str)]| {
            let mut all = vec![("cookie", "__Host-oficina_session=t"), ("host", "oficina.example.com")];
            all.extend_from_slice(extra);
            session_token(&headers(&all), url).map_err(|e| e.code())
        };
        assert_eq!(with(&[]), Err("FORBIDDEN"));
        assert_eq!(with(&[("x-oficina-client", "")]), Err("FORBIDDEN"));
        assert_eq!(with(&[("origin", "https://evil.example")]), Err("FORBIDDEN"));
        assert_eq!(with(&[("sec-fetch-site", "cross-site")]), Err("FORBIDDEN"));
        for proof in [
            ("x-oficina-client", "web"),
            ("origin", "https://oficina.example.com"),
            ("sec-fetch-site", "same-origin"),
        ] {
            assert_eq!(with(&[proof]), Ok(Some("t".into())), "{proof:?}");
        }
        let bearer = headers(&[("authorization", "Bearer b"), ("origin", "https://evil.example")]);
        assert_eq!(session_token(&bearer, url).map_err(|e| e.code()), Ok(Some("b".into())));
        assert_eq!(session_token(&HeaderMap::new(), url).map_err(|e| e.code()), Ok(None));
    }

    #[test]
    fn same_origin_compares_with_the_public_url_or_the_host() {
        let url = "http://oficina.test/app";
        assert!(same_origin(&headers(&[("origin", "http://oficina.test")]), url));
        assert!(same_origin(
            &headers(&[("origin", "http://127.0.0.1:8080"), ("host", "127.0.0.1:8080")]),
            url
        ));
        assert!(!same_origin(&headers(&[("origin", "http://oficina.test.evil")]), url));
        assert!(!same_origin(&headers(&[("origin", "null")]), url));
        assert!(!same_origin(&HeaderMap::new(), url));
    }
}
