//! The browser's side of sign in with Google: two GET routes that answer with redirects.
//!
//! `start` stores the flow (state, nonce, PKCE verifier, intent) and binds it to the browser
//! with an HttpOnly SameSite=Lax cookie, then sends the browser to Google. `callback` checks the
//! state against that cookie (the flow is used once), trades the code and the verifier for the
//! tokens, verifies the id token and signs in (or links), then sends the browser into the app:
//! its area, the MFA step (`/entrar#mfa=<challenge>`), or back with `?google_error=<code>`.

use axum::extract::{Query, State};
use axum::http::header::{CACHE_CONTROL, COOKIE, LOCATION, REFERRER_POLICY, SET_COOKIE, USER_AGENT};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use cookie::time::Duration;
use cookie::{Cookie, SameSite};
use oauth2::{AuthorizationCode, CsrfToken, PkceCodeChallenge, PkceCodeVerifier, Scope};
use oficina_domain::DomainError;
use oficina_domain::identity::{
    Attempt, FLOW_LIFETIME, FlowIntent, FlowRefused, GOOGLE, GoogleAccount, LinkedGoogle, OauthFlow,
    Principal, Role, SignInOutcome, sign_in_with_google,
};
use serde::Deserialize;

use super::Google;
use super::http_client;
use super::id_token::{self, Expected, IdTokenError};
use crate::auth::{SessionCookie, is_https, token_from_headers};
use crate::client_ip::ClientIp;
use crate::rate_limit::GOOGLE_START_PER_IP;
use crate::state::AppState;

/// Where a sign-in with Google starts (`?link=1`: link Google to the signed-in user).
pub const START_PATH: &str = "/auth/google/start";
/// Where Google sends the browser back: with OFICINA_PUBLIC_URL before it, the redirect URI to
/// register at Google.
pub const CALLBACK_PATH: &str = "/auth/google/callback";
/// The cookie that binds a flow to the browser that started it, over plain HTTP.
const FLOW_COOKIE: &str = "oficina_google_flow";
/// The flow cookie over HTTPS (`__Host-`: only this host, `Secure`, `Path=/`).
const SECURE_FLOW_COOKIE: &str = "__Host-oficina_google_flow";
/// Where a failed sign-in lands.
const SIGN_IN_PAGE: &str = "/entrar";

/// Why a sign-in with Google ends back in the app with `?google_error=<code>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Failure {
    /// Sign in with Google is not configured.
    Disabled,
    /// The person declined at Google (or Google answered with an error).
    Denied,
    /// No flow for this state in this browser: tampered, made up, of another browser, or used.
    State,
    /// The flow is older than ten minutes.
    Expired,
    /// Google refused the code, or the id token is not valid for us.
    Token,
    /// Google has not verified the account's e-mail.
    EmailUnverified,
    /// No user has the account's e-mail.
    NoAccount,
    /// The Google account is linked to another user (or the user to another Google account).
    LinkedElsewhere,
    /// Linking needs the session that asked for it.
    Session,
    /// Too many sign-ins started from this address.
    RateLimited,
    /// Our side failed (logged).
    Internal,
}

impl Failure {
    fn code(self) -> &'static str {
        match self {
            Self::Disabled => "disabled",
            Self::Denied => "denied",
            Self::State => "state",
            Self::Expired => "expired",
            Self::Token => "token",
            Self::EmailUnverified => "email_unverified",
            Self::NoAccount => "no_account",
            Self::LinkedElsewhere => "linked_elsewhere",
            Self::Session => "session",
            Self::RateLimited => "rate_limited",
            Self::Internal => "internal",
        }
    }
}

/// A failure and the page it lands on.
type Refused = (Failure, &'static str);

/// Logs `err` and refuses with [`Failure::Internal`].
fn internal(back: &'static str) -> impl FnOnce(anyhow::Error) -> Refused {
    move |err| {
        tracing::error!(err = format!("{err:#}"), "sign in with Google failed");
        (Failure::Internal, back)
    }
}

/// The query string of the start.
#[derive(Deserialize)]
pub struct StartQuery {
    link: Option<String>,
}

/// `GET /auth/google/start[?link=1]`: to Google, or back with an error.
pub async fn start(
    State(state): State<AppState>,
    headers: HeaderMap,
    client: ClientIp,
    Query(query): Query<StartQuery>,
) -> Response {
    let link = query.link.as_deref() == Some("1");
    match begin(&state, &headers, client, link).await {
        Ok((url, browser)) => {
            let mut response = redirect(&url);
            let cookie =
                flow_cookie(&state.public_url, browser, Duration::seconds(FLOW_LIFETIME.num_seconds()));
            append_cookie(&mut response, &cookie);
            response
        }
        Err((failure, back)) => redirect(&with_error(back, failure)),
    }
}

/// Stores a new flow; returns Google's authorization URL and the browser's secret.
async fn begin(
    state: &AppState,
    headers: &HeaderMap,
    client: ClientIp,
    link: bool,
) -> Result<(String, String), Refused> {
    let back = if link { "/painel/seguranca" } else { SIGN_IN_PAGE };
    let Some(google) = state.google.as_deref() else { return Err((Failure::Disabled, back)) };
    let ip = client.to_string();
    if state.limiter.count_all(&[(GOOGLE_START_PER_IP, &ip)]).await.is_err() {
        return Err((Failure::RateLimited, back));
    }
    let (intent, session_id) = if link {
        // Only a page of the app starts a link, with the browser's session.
        let token = crate::auth::session_token(headers, &state.public_url).ok().flatten();
        let principal = state.principal(token.as_deref()).await.map_err(internal(back))?;
        match principal.filter(|p| p.api_token.is_none()) {
            Some(p) => (FlowIntent::Link, Some(p.session_id)),
            None => return Err((Failure::Session, back)),
        }
    } else {
        (FlowIntent::SignIn, None)
    };
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let nonce = CsrfToken::new_random();
    let mut pooled = state.db.get().await.map_err(|e| internal(back)(e.into()))?;
    let started =
        OauthFlow::start(&mut pooled.conn(), GOOGLE, nonce.secret(), verifier.secret(), intent, session_id)
            .await
            .map_err(|e| internal(back)(e.into()))?;
    let state_token = started.state.clone();
    let (url, _) = google
        .client
        .authorize_url(move || CsrfToken::new(state_token))
        .add_scope(Scope::new("openid".into()))
        .add_scope(Scope::new("email".into()))
        .add_extra_param("nonce", nonce.secret())
        .set_pkce_challenge(challenge)
        .url();
    Ok((url.to_string(), started.browser))
}

/// The query string Google sends back.
#[derive(Deserialize)]
pub struct CallbackQuery {
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
}

/// `GET /auth/google/callback?code&state`: into the app, signed in (or linked), or back with an
/// error; the flow cookie is removed either way.
pub async fn callback(
    State(state): State<AppState>,
    headers: HeaderMap,
    client: ClientIp,
    Query(query): Query<CallbackQuery>,
) -> Response {
    let attempt = Attempt {
        ip: client.0.map_or_else(|| "unknown".to_owned(), |ip| ip.to_string()),
        user_agent: headers.get(USER_AGENT).and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned(),
    };
    let (path, session) = match finish(&state, &headers, &attempt, query).await {
        Ok(landed) => landed,
        Err((failure, back)) => (with_error(back, failure), None),
    };
    let mut response = redirect(&path);
    append_cookie(&mut response, &flow_cookie(&state.public_url, String::new(), Duration::ZERO));
    if let Some(token) = session {
        append_cookie(&mut response, &SessionCookie::for_public_url(&state.public_url).set(&token));
    }
    response
}

/// Finishes the flow: where the browser goes, and the new session's token if one opened.
async fn finish(
    state: &AppState,
    headers: &HeaderMap,
    attempt: &Attempt,
    query: CallbackQuery,
) -> Result<(String, Option<String>), Refused> {
    let Some(google) = state.google.as_deref() else { return Err((Failure::Disabled, SIGN_IN_PAGE)) };
    let browser = cookie_value(headers, flow_cookie_name(&state.public_url));
    let taken = {
        let mut pooled = state.db.get().await.map_err(|e| internal(SIGN_IN_PAGE)(e.into()))?;
        let state_param = query.state.as_deref().unwrap_or_default();
        OauthFlow::take(&mut pooled.conn(), GOOGLE, state_param, browser.as_deref()).await
    }
    .map_err(|e| internal(SIGN_IN_PAGE)(e.into()))?;
    let flow = match taken {
        Ok(flow) => flow,
        Err(FlowRefused::Expired) => return Err((Failure::Expired, SIGN_IN_PAGE)),
        Err(refused) => {
            tracing::warn!(%refused, "a Google callback with no flow of this browser");
            return Err((Failure::State, SIGN_IN_PAGE));
        }
    };
    let back = match flow.intent {
        FlowIntent::SignIn => SIGN_IN_PAGE,
        FlowIntent::Link => "/painel/seguranca",
    };
    let code = match (query.error, query.code) {
        (None, Some(code)) => code,
        _ => return Err((Failure::Denied, back)),
    };
    let account = verified_account(google, code, &flow).await.map_err(|failure| (failure, back))?;
    match flow.intent {
        FlowIntent::SignIn => sign_in(state, &account, attempt).await,
        FlowIntent::Link => link(state, headers, &account, flow.session_id).await,
    }
}

/// Trades the code for the tokens and verifies the id token.
async fn verified_account(google: &Google, code: String, flow: &OauthFlow) -> Result<GoogleAccount, Failure> {
    let tokens = google
        .client
        .exchange_code(AuthorizationCode::new(code))
        .set_pkce_verifier(PkceCodeVerifier::new(flow.pkce_verifier.clone()))
        .request_async(&http_client::OauthHttp(&google.http))
        .await
        .map_err(|err| {
            tracing::warn!(err = format!("{err:#}"), "Google's token endpoint refused a code");
            Failure::Token
        })?;
    let expected =
        Expected { audience: &google.config.client_id, issuer: &google.config.issuer, nonce: &flow.nonce };
    id_token::verify(&google.keys, &tokens.extra_fields().id_token, &expected).await.map_err(
        |err| match err {
            IdTokenError::UnverifiedEmail => Failure::EmailUnverified,
            IdTokenError::Keys(_) => {
                tracing::error!(%err, "sign in with Google");
                Failure::Internal
            }
            IdTokenError::Invalid(_) | IdTokenError::Nonce => {
                tracing::warn!(%err, "sign in with Google refused an id token");
                Failure::Token
            }
        },
    )
}

/// Signs in to the account of `account`: the area of the session's role, or the MFA step.
async fn sign_in(
    state: &AppState,
    account: &GoogleAccount,
    attempt: &Attempt,
) -> Result<(String, Option<String>), Refused> {
    let mut pooled = state.db.get().await.map_err(|e| internal(SIGN_IN_PAGE)(e.into()))?;
    let (outcome, events) = match sign_in_with_google(&mut pooled.conn(), account, attempt).await {
        Ok(Some(signed_in)) => signed_in,
        Ok(None) | Err(DomainError::InvalidCredentials) => return Err((Failure::NoAccount, SIGN_IN_PAGE)),
        Err(DomainError::Conflict(_)) => return Err((Failure::LinkedElsewhere, SIGN_IN_PAGE)),
        Err(err) => return Err(internal(SIGN_IN_PAGE)(err.into())),
    };
    state.bus.publish(&events).await;
    match outcome {
        SignInOutcome::SignedIn(committed) => {
            state.bus.publish(&committed.events).await;
            let signed_in = committed.value;
            Ok((area(signed_in.membership.role).to_owned(), Some(signed_in.token)))
        }
        SignInOutcome::MfaRequired { challenge } => Ok((format!("{SIGN_IN_PAGE}#mfa={challenge}"), None)),
    }
}

/// Links `account` to the user of the session that started the flow (`session_id`), which must
/// still be this browser's.
async fn link(
    state: &AppState,
    headers: &HeaderMap,
    account: &GoogleAccount,
    session_id: Option<i64>,
) -> Result<(String, Option<String>), Refused> {
    let back = "/painel/seguranca";
    // Google's redirect is a cross-site navigation: the (SameSite=Lax) cookie comes along, and
    // the flow, bound to this browser, names the session that asked.
    let token = token_from_headers(headers, SessionCookie::for_public_url(&state.public_url));
    let principal: Option<Principal> =
        state.principal(token.as_ref().map(|c| c.token.as_str())).await.map_err(internal(back))?;
    let Some(principal) = principal.filter(|p| Some(p.session_id) == session_id) else {
        return Err((Failure::Session, back));
    };
    let settings = settings(principal.membership.role);
    let mut pooled = state.db.get().await.map_err(|e| internal(settings)(e.into()))?;
    match LinkedGoogle::link(&mut pooled.conn(), &principal.user, principal.workshop.id, account).await {
        Ok(committed) => {
            state.bus.publish(&committed.events).await;
            Ok((format!("{settings}?google=linked"), None))
        }
        Err(DomainError::Conflict(_)) => Err((Failure::LinkedElsewhere, settings)),
        Err(err) => Err(internal(settings)(err.into())),
    }
}

/// The area a role works in.
fn area(role: Role) -> &'static str {
    match role {
        Role::Customer => "/cliente",
        Role::Partner => "/parceiro",
        _ => "/painel",
    }
}

/// Where a role links and unlinks Google.
fn settings(role: Role) -> &'static str {
    match role {
        Role::Customer | Role::Partner => area(role),
        _ => "/painel/seguranca",
    }
}

fn with_error(back: &str, failure: Failure) -> String {
    format!("{back}?google_error={}", failure.code())
}

/// A 303 to `location` that no cache keeps and whose next page gets no referrer (the callback's
/// URL holds the code).
fn redirect(location: &str) -> Response {
    let mut response = StatusCode::SEE_OTHER.into_response();
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(location) {
        headers.insert(LOCATION, value);
    }
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    response
}

fn append_cookie(response: &mut Response, cookie: &str) {
    if let Ok(value) = HeaderValue::from_str(cookie) {
        response.headers_mut().append(SET_COOKIE, value);
    }
}

fn flow_cookie_name(public_url: &str) -> &'static str {
    if is_https(public_url) { SECURE_FLOW_COOKIE } else { FLOW_COOKIE }
}

/// The flow cookie: HttpOnly, SameSite=Lax (it must come along on Google's redirect back), for
/// the site, `Secure` over HTTPS.
fn flow_cookie(public_url: &str, value: String, max_age: Duration) -> String {
    Cookie::build((flow_cookie_name(public_url), value))
        .http_only(true)
        .secure(is_https(public_url))
        .same_site(SameSite::Lax)
        .path("/")
        .max_age(max_age)
        .build()
        .to_string()
}

/// The value of the cookie `name`, if the request has a non-empty one.
fn cookie_value(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|found| found.name() == name && !found.value().is_empty())
        .map(|found| found.value().to_owned())
}
