//! The id token Google's token endpoint returns: its RS256 signature checked against Google's
//! published keys (fetched once, cached, fetched again for a key id not seen yet), its issuer,
//! audience (our client id), expiry and nonce; only a verified e-mail is trusted.

use std::sync::{Arc, RwLock};

use jsonwebtoken::jwk::JwkSet;
use jsonwebtoken::{Algorithm, DecodingKey, Validation, decode, decode_header};
use oficina_domain::identity::GoogleAccount;
use serde::Deserialize;

use super::http_client::{self, HttpError};

/// Why an id token is refused.
#[derive(Debug, thiserror::Error)]
pub enum IdTokenError {
    /// Malformed, signed by no key of the provider, or with a wrong issuer, audience or expiry.
    #[error("invalid id token: {0}")]
    Invalid(String),
    /// Not the nonce this browser's flow sent.
    #[error("the id token's nonce is not the flow's")]
    Nonce,
    /// The token has no e-mail, or one the provider did not verify.
    #[error("the e-mail is not verified")]
    UnverifiedEmail,
    /// The keys could not be fetched.
    #[error("cannot fetch the provider's keys: {0}")]
    Keys(String),
}

/// The claims read from an id token (`iss`, `aud` and `exp` are checked by [`Validation`]).
#[derive(Deserialize)]
struct Claims {
    sub: String,
    email: Option<String>,
    #[serde(default)]
    email_verified: bool,
    nonce: Option<String>,
}

/// The provider's signing keys, cached.
pub struct Keys {
    url: String,
    http: reqwest::Client,
    cached: RwLock<Arc<JwkSet>>,
}

impl Keys {
    /// The keys published at `url`, fetched on first use.
    pub fn new(url: String, http: reqwest::Client) -> Self {
        Self { url, http, cached: RwLock::new(Arc::new(JwkSet { keys: Vec::new() })) }
    }

    /// The key `kid`: from the cache, else after fetching the keys again (the provider rotates
    /// them). `Invalid` when the provider has no such key.
    async fn key(&self, kid: &str) -> Result<DecodingKey, IdTokenError> {
        let find = |set: &JwkSet| set.find(kid).map(DecodingKey::from_jwk);
        let cached = self.cached.read().map(|set| set.clone()).unwrap_or_else(|e| e.into_inner().clone());
        let found = match find(&cached) {
            Some(found) => found,
            None => {
                let fresh = Arc::new(self.fetch().await.map_err(|e| IdTokenError::Keys(e.to_string()))?);
                let found = find(&fresh);
                *self.cached.write().unwrap_or_else(|e| e.into_inner()) = fresh;
                found.ok_or_else(|| IdTokenError::Invalid(format!("no key {kid:?}")))?
            }
        };
        found.map_err(|e| IdTokenError::Invalid(format!("key {kid:?}: {e}")))
    }

    async fn fetch(&self) -> Result<JwkSet, KeysError> {
        let answer = self.http.get(&self.url).send().await.map_err(HttpError::from)?;
        if !answer.status().is_success() {
            return Err(KeysError::Status(answer.status().as_u16()));
        }
        Ok(serde_json::from_slice(&http_client::read_body(answer).await?)?)
    }
}

#[derive(Debug, thiserror::Error)]
enum KeysError {
    #[error(transparent)]
    Http(#[from] HttpError),
    #[error("status {0}")]
    Status(u16),
    #[error(transparent)]
    Json(#[from] serde_json::Error),
}

/// What an id token must say.
pub struct Expected<'a> {
    /// Our client id.
    pub audience: &'a str,
    /// The provider's issuer.
    pub issuer: &'a str,
    /// The nonce the flow sent.
    pub nonce: &'a str,
}

/// Verifies `token` and returns the Google account it names, with its verified e-mail.
pub async fn verify(
    keys: &Keys,
    token: &str,
    expected: &Expected<'_>,
) -> Result<GoogleAccount, IdTokenError> {
    let invalid = |e: jsonwebtoken::errors::Error| IdTokenError::Invalid(e.to_string());
    let header = decode_header(token).map_err(invalid)?;
    if header.alg != Algorithm::RS256 {
        return Err(IdTokenError::Invalid(format!("algorithm {:?}", header.alg)));
    }
    let kid = header.kid.ok_or_else(|| IdTokenError::Invalid("no key id".into()))?;
    let key = keys.key(&kid).await?;
    let mut validation = Validation::new(Algorithm::RS256);
    validation.set_audience(&[expected.audience]);
    // Google documents both forms of its issuer.
    let bare = expected.issuer.strip_prefix("https://").unwrap_or(expected.issuer);
    validation.set_issuer(&[expected.issuer, bare]);
    validation.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
    let claims = decode::<Claims>(token, &key, &validation).map_err(invalid)?.claims;
    if claims.nonce.as_deref() != Some(expected.nonce) {
        return Err(IdTokenError::Nonce);
    }
    match claims.email {
        Some(email) if claims.email_verified && !claims.sub.is_empty() => {
            Ok(GoogleAccount { subject: claims.sub, email })
        }
        _ => Err(IdTokenError::UnverifiedEmail),
    }
}
