//! A sign-in with an OpenID provider between its start and its callback: the `state`, nonce and
//! PKCE verifier the callback checks, and what it was for (signing in, or linking the account
//! to the session that asked), bound to the browser that started it by a cookie. Short-lived
//! and single use; only the hashes of the state and of the cookie are kept.

use chrono::{Duration, NaiveDateTime, Utc};
use diesel::prelude::*;
use diesel_async::RunQueryDsl;

use super::secret;
use crate::db::Conn;
use crate::schema::oauth_flows;

/// How long a started sign-in can come back from the provider.
pub const FLOW_LIFETIME: Duration = Duration::minutes(10);

crate::text_enum! {
    /// What a flow is for.
    pub enum FlowIntent {
        /// Sign in to the account with the provider's verified e-mail.
        SignIn => "SIGN_IN",
        /// Link the provider's account to the signed-in user.
        Link => "LINK",
    }
}

/// What the provider's callback needs to finish a flow.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = oauth_flows, check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct OauthFlow {
    pub id: i64,
    browser_hash: String,
    pub nonce: String,
    pub pkce_verifier: String,
    pub intent: FlowIntent,
    /// For a link: the session that asked for it.
    pub session_id: Option<i64>,
    expires_at: NaiveDateTime,
    used_at: Option<NaiveDateTime>,
}

/// A started flow: the `state` to send to the provider and the secret for the browser's cookie.
#[derive(Debug, Clone)]
pub struct StartedFlow {
    pub state: String,
    pub browser: String,
}

/// Why a callback's `state` finishes no flow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum FlowRefused {
    /// No flow has this state (a tampered or made-up one), or the browser has no flow cookie.
    #[error("unknown state")]
    Unknown,
    /// The flow was started in another browser (its cookie does not match).
    #[error("the state of another browser")]
    OtherBrowser,
    /// The flow finished already (a replayed callback).
    #[error("the state was used already")]
    Used,
    /// The flow is older than [`FLOW_LIFETIME`].
    #[error("the state expired")]
    Expired,
}

#[derive(Insertable)]
#[diesel(table_name = oauth_flows)]
struct NewFlow<'a> {
    provider: &'a str,
    state_hash: String,
    browser_hash: String,
    nonce: &'a str,
    pkce_verifier: &'a str,
    intent: FlowIntent,
    session_id: Option<i64>,
    created_at: NaiveDateTime,
    expires_at: NaiveDateTime,
}

impl OauthFlow {
    /// Starts a flow with `provider` (and forgets the expired ones); returns its state and the
    /// browser's secret.
    pub async fn start(
        conn: &mut Conn<'_>,
        provider: &str,
        nonce: &str,
        pkce_verifier: &str,
        intent: FlowIntent,
        session_id: Option<i64>,
    ) -> QueryResult<StartedFlow> {
        let started = StartedFlow { state: secret::generate(), browser: secret::generate() };
        let now = Utc::now().naive_utc();
        let row = NewFlow {
            provider,
            state_hash: secret::hash(&started.state),
            browser_hash: secret::hash(&started.browser),
            nonce,
            pkce_verifier,
            intent,
            session_id,
            created_at: now,
            expires_at: now + FLOW_LIFETIME,
        };
        crate::run!(conn, |c| {
            diesel::delete(oauth_flows::table.filter(oauth_flows::expires_at.lt(now))).execute(c).await?;
            diesel::insert_into(oauth_flows::table).values(&row).execute(c).await
        })?;
        Ok(started)
    }

    /// Finishes the flow of `provider` with this `state`, started in the browser holding
    /// `browser`: at most once, however many callbacks race.
    pub async fn take(
        conn: &mut Conn<'_>,
        provider: &str,
        state: &str,
        browser: Option<&str>,
    ) -> QueryResult<Result<OauthFlow, FlowRefused>> {
        let Some(browser) = browser else { return Ok(Err(FlowRefused::Unknown)) };
        let state_hash = secret::hash(state);
        let found: Option<OauthFlow> = crate::run!(conn, |c| {
            oauth_flows::table
                .filter(oauth_flows::provider.eq(provider))
                .filter(oauth_flows::state_hash.eq(&state_hash))
                .select(OauthFlow::as_select())
                .first(c)
                .await
                .optional()
        })?;
        let now = Utc::now().naive_utc();
        let flow = match found {
            None => return Ok(Err(FlowRefused::Unknown)),
            Some(flow) if flow.browser_hash != secret::hash(browser) => {
                return Ok(Err(FlowRefused::OtherBrowser));
            }
            Some(flow) if flow.used_at.is_some() => return Ok(Err(FlowRefused::Used)),
            Some(flow) if flow.expires_at <= now => return Ok(Err(FlowRefused::Expired)),
            Some(flow) => flow,
        };
        let used = crate::run!(conn, |c| {
            diesel::update(oauth_flows::table.find(flow.id).filter(oauth_flows::used_at.is_null()))
                .set(oauth_flows::used_at.eq(now))
                .execute(c)
                .await
        })?;
        Ok(if used == 1 { Ok(flow) } else { Err(FlowRefused::Used) })
    }
}
