//! Sign in with Google's configuration: the client registered at Google and the provider's
//! URLs (Google's by default; the tests point them at a fake provider).

use std::fmt;

use crate::config::ConfigError;

/// Google's authorization endpoint.
pub const AUTH_URL: &str = "https://accounts.google.com/o/oauth2/v2/auth";
/// Google's token endpoint.
pub const TOKEN_URL: &str = "https://oauth2.googleapis.com/token";
/// Google's signing keys (JWKS).
pub const JWKS_URL: &str = "https://www.googleapis.com/oauth2/v3/certs";
/// The `iss` of Google's id tokens.
pub const ISSUER: &str = "https://accounts.google.com";

/// `OFICINA_GOOGLE_*`: set when `OFICINA_GOOGLE_CLIENT_ID` is. Its `Debug` hides the secret.
#[derive(Clone, PartialEq, Eq)]
pub struct GoogleConfig {
    /// `OFICINA_GOOGLE_CLIENT_ID`: the OAuth client's id; the id tokens' audience.
    pub client_id: String,
    /// `OFICINA_GOOGLE_CLIENT_SECRET` (required with the id).
    pub client_secret: String,
    /// `OFICINA_GOOGLE_AUTH_URL`, default [`AUTH_URL`].
    pub auth_url: String,
    /// `OFICINA_GOOGLE_TOKEN_URL`, default [`TOKEN_URL`].
    pub token_url: String,
    /// `OFICINA_GOOGLE_JWKS_URL`, default [`JWKS_URL`].
    pub jwks_url: String,
    /// `OFICINA_GOOGLE_ISSUER`, default [`ISSUER`].
    pub issuer: String,
}

impl fmt::Debug for GoogleConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("GoogleConfig")
            .field("client_id", &self.client_id)
            .field("client_secret", &"***")
            .field("auth_url", &self.auth_url)
            .field("token_url", &self.token_url)
            .field("jwks_url", &self.jwks_url)
            .field("issuer", &self.issuer)
            .finish()
    }
}

impl GoogleConfig {
    /// Reads `OFICINA_GOOGLE_*` through `var` (which treats blank as unset): `None` without a
    /// client id (sign in with Google off).
    pub fn from_lookup(var: impl Fn(&str) -> Option<String>) -> Result<Option<Self>, ConfigError> {
        let Some(client_id) = var("OFICINA_GOOGLE_CLIENT_ID") else { return Ok(None) };
        let client_secret = var("OFICINA_GOOGLE_CLIENT_SECRET").ok_or_else(|| ConfigError {
            variable: "OFICINA_GOOGLE_CLIENT_SECRET",
            message: "required with OFICINA_GOOGLE_CLIENT_ID".into(),
        })?;
        let url = |variable: &'static str, default: &str| {
            let url = var(variable).unwrap_or_else(|| default.to_owned()).trim().to_owned();
            match oauth2::url::Url::parse(&url) {
                Ok(parsed) if matches!(parsed.scheme(), "http" | "https") => Ok(url),
                _ => Err(ConfigError {
                    variable,
                    message: format!("expected http://… or https://…, got {url:?}"),
                }),
            }
        };
        Ok(Some(Self {
            client_id: client_id.trim().to_owned(),
            client_secret: client_secret.trim().to_owned(),
            auth_url: url("OFICINA_GOOGLE_AUTH_URL", AUTH_URL)?,
            token_url: url("OFICINA_GOOGLE_TOKEN_URL", TOKEN_URL)?,
            jwks_url: url("OFICINA_GOOGLE_JWKS_URL", JWKS_URL)?,
            issuer: var("OFICINA_GOOGLE_ISSUER").unwrap_or_else(|| ISSUER.into()).trim().to_owned(),
        }))
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    fn google(vars: &[(&str, &str)]) -> Result<Option<GoogleConfig>, ConfigError> {
        let map: HashMap<&str, &str> = vars.iter().copied().collect();
        GoogleConfig::from_lookup(|name| map.get(name).map(|v| v.to_string()))
    }

    #[test]
    fn off_without_a_client_id_and_googles_urls_by_default() {
        assert_eq!(google(&[]).unwrap(), None);
        let on = google(&[("OFICINA_GOOGLE_CLIENT_ID", "id"), ("OFICINA_GOOGLE_CLIENT_SECRET", "s3cret")])
            .unwrap()
            .unwrap();
        assert_eq!((on.auth_url.as_str(), on.token_url.as_str()), (AUTH_URL, TOKEN_URL));
        assert_eq!((on.jwks_url.as_str(), on.issuer.as_str()), (JWKS_URL, ISSUER));
        assert!(!format!("{on:?}").contains("s3cret"));
    }

    #[test]
    fn errors_name_the_variable() {
        let no_secret = google(&[("OFICINA_GOOGLE_CLIENT_ID", "id")]).unwrap_err();
        assert_eq!(no_secret.variable, "OFICINA_GOOGLE_CLIENT_SECRET");
        let bad = google(&[
            ("OFICINA_GOOGLE_CLIENT_ID", "id"),
            ("OFICINA_GOOGLE_CLIENT_SECRET", "s"),
            ("OFICINA_GOOGLE_TOKEN_URL", "oauth2.googleapis.com/token"),
        ])
        .unwrap_err();
        assert_eq!(bad.variable, "OFICINA_GOOGLE_TOKEN_URL");
    }
}
