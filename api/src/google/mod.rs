//! Sign in with Google (OpenID Connect, authorization code with PKCE): `GET /auth/google/start`
//! sends the browser to Google, `GET /auth/google/callback` finishes the sign-in (or the link of
//! the account to the signed-in user) and sends the browser back into the app.

mod config;
mod http_client;
mod id_token;
mod routes;

use oauth2::basic::{
    BasicErrorResponse, BasicRevocationErrorResponse, BasicTokenIntrospectionResponse, BasicTokenType,
};
use oauth2::{
    AuthUrl, ClientId, ClientSecret, EndpointNotSet, EndpointSet, ExtraTokenFields, RedirectUrl,
    StandardRevocableToken, StandardTokenResponse, TokenUrl,
};
use serde::{Deserialize, Serialize};

pub use config::GoogleConfig;
pub use routes::{CALLBACK_PATH, START_PATH, callback, start};

/// The token endpoint's answer also holds the id token (OpenID Connect).
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct IdTokenField {
    pub id_token: String,
}

impl ExtraTokenFields for IdTokenField {}

/// An `oauth2` client with the authorization and token endpoints set, whose token answer holds
/// the id token.
type OidcClient = oauth2::Client<
    BasicErrorResponse,
    StandardTokenResponse<IdTokenField, BasicTokenType>,
    BasicTokenIntrospectionResponse,
    StandardRevocableToken,
    BasicRevocationErrorResponse,
    EndpointSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointSet,
>;

/// Sign in with Google, configured: the client, its HTTP client and the provider's keys.
pub struct Google {
    config: GoogleConfig,
    client: OidcClient,
    http: reqwest::Client,
    keys: id_token::Keys,
}

impl Google {
    /// The client for `config`, whose redirect URI is `public_url` + [`CALLBACK_PATH`], exactly.
    pub fn new(config: &GoogleConfig, public_url: &str) -> anyhow::Result<Self> {
        let named =
            |variable: &'static str| move |e: oauth2::url::ParseError| anyhow::anyhow!("{variable}: {e}");
        let client = oauth2::Client::new(ClientId::new(config.client_id.clone()))
            .set_client_secret(ClientSecret::new(config.client_secret.clone()))
            .set_auth_uri(AuthUrl::new(config.auth_url.clone()).map_err(named("OFICINA_GOOGLE_AUTH_URL"))?)
            .set_token_uri(
                TokenUrl::new(config.token_url.clone()).map_err(named("OFICINA_GOOGLE_TOKEN_URL"))?,
            )
            .set_redirect_uri(
                RedirectUrl::new(format!("{public_url}{CALLBACK_PATH}"))
                    .map_err(named("OFICINA_PUBLIC_URL"))?,
            );
        let http = http_client::client()?;
        let keys = id_token::Keys::new(config.jwks_url.clone(), http.clone());
        Ok(Self { config: config.clone(), client, http, keys })
    }
}
