//! Who is calling: the session token from `Authorization: Bearer` or the web app's cookie, and the
//! one guard every resolver uses.

use async_graphql::{Context, Guard};
use axum::http::HeaderMap;
use axum::http::header::{AUTHORIZATION, COOKIE, HOST, ORIGIN};
use cookie::time::Duration;
use cookie::{Cookie, SameSite};
use oficina_domain::Message;
use oficina_domain::identity::{Principal, Role};

use crate::error::ApiError;

/// The HttpOnly cookie that carries the web app's session token.
pub const SESSION_COOKIE: &str = "oficina_session";

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

/// The token a request carries: the `Authorization: Bearer` header wins over the cookie.
pub fn token_from_headers(headers: &HeaderMap) -> Option<String> {
    let bearer = headers.get(AUTHORIZATION).and_then(|v| v.to_str().ok()).and_then(bearer_token);
    bearer.or_else(|| {
        headers
            .get_all(COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(Cookie::split_parse)
            .filter_map(Result::ok)
            .find(|cookie| cookie.name() == SESSION_COOKIE && !cookie.value().is_empty())
            .map(|cookie| cookie.value().to_owned())
    })
}

/// The token of an `Authorization` value of the form `Bearer <token>`.
pub fn bearer_token(value: &str) -> Option<String> {
    let (scheme, token) = value.trim().split_once(' ')?;
    (scheme.eq_ignore_ascii_case("bearer") && !token.trim().is_empty()).then(|| token.trim().to_owned())
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

/// `Set-Cookie` value that stores a session token in the browser for 30 days.
pub fn session_cookie(token: &str) -> String {
    browser_session(token.to_owned(), Duration::days(30))
}

/// `Set-Cookie` value that removes the session cookie.
pub fn cleared_session_cookie() -> String {
    browser_session(String::new(), Duration::ZERO)
}

/// The session cookie with `value`: HttpOnly, SameSite=Lax, for the whole site, kept `max_age`.
fn browser_session(value: String, max_age: Duration) -> String {
    Cookie::build((SESSION_COOKIE, value))
        .http_only(true)
        .same_site(SameSite::Lax)
        .path("/")
        .max_age(max_age)
        .build()
        .to_string()
}

/// The signed-in principal of a request, or UNAUTHENTICATED.
pub fn principal<'a>(ctx: &Context<'a>) -> Result<&'a Principal, ApiError> {
    ctx.data_opt::<Principal>()
        .ok_or(ApiError::Unauthenticated(Message::new("Entre para continuar.", "Sign in to continue.")))
}

/// Lets a resolver run only for the given roles: UNAUTHENTICATED without a session,
/// FORBIDDEN with another role.
pub struct RoleGuard(pub &'static [Role]);

impl Guard for RoleGuard {
    async fn check(&self, ctx: &Context<'_>) -> async_graphql::Result<()> {
        let principal = principal(ctx)?;
        if self.0.contains(&principal.membership.role) { Ok(()) } else { Err(ApiError::Forbidden.into()) }
    }
}

#[cfg(test)]
mod tests {
    use axum::http::HeaderValue;

    use super::*;

    #[test]
    fn bearer_wins_over_cookie() {
        let mut headers = HeaderMap::new();
        headers.insert(COOKIE, HeaderValue::from_static("a=1; oficina_session=fromcookie"));
        assert_eq!(token_from_headers(&headers).as_deref(), Some("fromcookie"));
        headers.insert(AUTHORIZATION, HeaderValue::from_static("Bearer frombearer"));
        assert_eq!(token_from_headers(&headers).as_deref(), Some("frombearer"));
        assert_eq!(bearer_token("Basic abc"), None);
        assert_eq!(bearer_token("Bearer "), None);
    }

    #[test]
    fn an_empty_or_absent_session_cookie_is_no_token() {
        let mut headers = HeaderMap::new();
        headers.insert(COOKIE, HeaderValue::from_static("oficina_session=; other=x"));
        assert_eq!(token_from_headers(&headers), None);
        headers.insert(COOKIE, HeaderValue::from_static("oficina_sessionx=abc"));
        assert_eq!(token_from_headers(&headers), None);
    }

    #[test]
    fn the_session_cookie_keeps_its_attributes() {
        assert_eq!(
            session_cookie("abc"),
            "oficina_session=abc; HttpOnly; SameSite=Lax; Path=/; Max-Age=2592000"
        );
        assert_eq!(cleared_session_cookie(), "oficina_session=; HttpOnly; SameSite=Lax; Path=/; Max-Age=0");
    }
}
