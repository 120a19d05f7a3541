//! One error type for the api, turned into a GraphQL error with `extensions.code` from a fixed set,
//! and a message in the caller's language.
//!
//! The language is the request's `Accept-Language` (pt-BR unless it asks for English), set for
//! the whole execution of an HTTP GraphQL request by [`in_language`]; the conversion of an
//! [`ApiError`] into a GraphQL error reads it, so resolvers never pass it around. A WebSocket
//! connection's messages are in the language of its upgrade request.

use std::future::Future;

use async_graphql::ErrorExtensions;
use axum::http::HeaderMap;
use axum::http::header::ACCEPT_LANGUAGE;
use oficina_domain::{DomainError, FieldError, Language, Message};

tokio::task_local! {
    static LANGUAGE: Language;
}

/// Runs `future` (a GraphQL execution) with its error messages in `language`.
pub async fn in_language<F: Future>(language: Language, future: F) -> F::Output {
    LANGUAGE.scope(language, future).await
}

/// The language of the request's error messages: the first language of `Accept-Language`, by
/// quality, that the app speaks (`pt…` or `en…`); pt-BR when there is none.
pub fn language_from_headers(headers: &HeaderMap) -> Language {
    let Some(value) = headers.get(ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()) else {
        return Language::default();
    };
    let mut ranges: Vec<(f32, Language)> = value
        .split(',')
        .filter_map(|range| {
            let mut parts = range.split(';');
            let language = Language::from_tag(parts.next()?)?;
            let quality = parts
                .find_map(|p| p.trim().strip_prefix("q="))
                .map_or(Some(1.0), |q| q.trim().parse::<f32>().ok())?;
            (quality > 0.0).then_some((quality, language))
        })
        .collect();
    // Stable: of two ranges of the same quality the first one listed wins.
    ranges.sort_by(|a, b| b.0.total_cmp(&a.0));
    ranges.first().map_or_else(Language::default, |(_, language)| *language)
}

/// What a resolver fails with. It deliberately has no `Display`, so `?` always goes through
/// `From<ApiError> for async_graphql::Error` and never loses the code.
#[derive(Debug)]
pub enum ApiError {
    BadUserInput(FieldError),
    Unauthenticated(Message),
    Forbidden,
    /// FORBIDDEN for a request signed in by the session cookie that does not show it comes from
    /// the web app (see [`crate::auth::session_token`]).
    CrossSite,
    NotFound,
    /// NOT_FOUND naming the input that holds the id (`input.vehicleId`).
    NotFoundAt(String),
    Conflict(FieldError),
    RateLimited,
    /// A right password for a user with MFA on: MFA_REQUIRED, with the challenge to send with a
    /// code to `completeMfaSignIn` in `extensions.challenge`.
    MfaRequired(String),
    /// A staff session of a workshop that requires MFA, whose user has not enrolled: it can
    /// only enrol (MFA_ENROLMENT_REQUIRED).
    MfaEnrolmentRequired,
    /// The server is too busy to check a password now: RATE_LIMITED too, with its own message.
    Busy,
    /// Logged with its cause; the client only sees a generic message.
    Internal(String),
}

impl ApiError {
    pub fn bad_input(field: impl Into<String>, message: Message) -> Self {
        Self::BadUserInput(FieldError::new(field, message))
    }

    /// Prefixes the field of an input error with the argument that holds it (`input`); an error
    /// on the mutation's own `id` argument (an order that may no longer change) stays on `id`.
    pub fn under(self, argument: &str) -> Self {
        self.map_field(|field| if field == "id" { field.to_owned() } else { format!("{argument}.{field}") })
    }

    /// Names the argument `to` instead of `from` in an input error (the domain's `id` is the
    /// `serviceOrderId` argument of a mutation on an order's item).
    pub fn renamed(self, from: &str, to: &str) -> Self {
        self.map_field(|field| if field == from { to.to_owned() } else { field.to_owned() })
    }

    fn map_field(self, f: impl Fn(&str) -> String) -> Self {
        let map = |e: FieldError| FieldError::new(f(&e.field), e.message);
        match self {
            Self::BadUserInput(e) => Self::BadUserInput(map(e)),
            Self::Conflict(e) => Self::Conflict(map(e)),
            other => other,
        }
    }

    pub fn code(&self) -> &'static str {
        match self {
            Self::BadUserInput(_) => "BAD_USER_INPUT",
            Self::Unauthenticated(_) => "UNAUTHENTICATED",
            Self::Forbidden | Self::CrossSite => "FORBIDDEN",
            Self::NotFound | Self::NotFoundAt(_) => "NOT_FOUND",
            Self::Conflict(_) => "CONFLICT",
            Self::RateLimited | Self::Busy => "RATE_LIMITED",
            Self::MfaRequired(_) => "MFA_REQUIRED",
            Self::MfaEnrolmentRequired => "MFA_ENROLMENT_REQUIRED",
            Self::Internal(_) => "INTERNAL",
        }
    }
}

impl From<DomainError> for ApiError {
    fn from(err: DomainError) -> Self {
        match err {
            DomainError::Invalid(e) => Self::BadUserInput(e),
            DomainError::Conflict(e) => Self::Conflict(e),
            DomainError::NotFound => Self::NotFound,
            DomainError::InvalidCredentials => Self::Unauthenticated(Message::new(
                "E-mail ou senha incorretos.",
                "Wrong e-mail or password.",
            )),
            DomainError::Busy(_) => Self::Busy,
            DomainError::Database(e) => Self::Internal(format!("database: {e}")),
            DomainError::Internal(e) => Self::Internal(e),
        }
    }
}

impl From<diesel::result::Error> for ApiError {
    fn from(err: diesel::result::Error) -> Self {
        Self::Internal(format!("database: {err}"))
    }
}

impl From<oficina_domain::DbError> for ApiError {
    fn from(err: oficina_domain::DbError) -> Self {
        Self::Internal(err.to_string())
    }
}

impl From<ApiError> for async_graphql::Error {
    fn from(err: ApiError) -> Self {
        let code = err.code();
        let challenge = match &err {
            ApiError::MfaRequired(challenge) => Some(challenge.clone()),
            _ => None,
        };
        let (message, field) = match err {
            ApiError::BadUserInput(e) | ApiError::Conflict(e) => (e.message, Some(e.field)),
            ApiError::Unauthenticated(message) => (message, None),
            ApiError::Forbidden => {
                (Message::new("Você não tem permissão para isto.", "You are not allowed to do this."), None)
            }
            ApiError::CrossSite => (
                Message::new(
                    "Requisição recusada: com o cookie de sessão, envie o cabeçalho X-Oficina-Client (o app web envia) ou use Authorization: Bearer.",
                    "Request refused: with the session cookie, send the X-Oficina-Client header (the web app does) or use Authorization: Bearer.",
                ),
                None,
            ),
            ApiError::NotFound => (Message::new("Não encontrado.", "Not found."), None),
            ApiError::NotFoundAt(field) => (Message::new("Não encontrado.", "Not found."), Some(field)),
            ApiError::RateLimited => (
                Message::new(
                    "Muitas tentativas. Aguarde um pouco e tente de novo.",
                    "Too many attempts. Wait a while and try again.",
                ),
                None,
            ),
            ApiError::MfaRequired(_) => (
                Message::new(
                    "Digite o código do aplicativo autenticador (ou um código de recuperação).",
                    "Enter the code from your authenticator app (or a recovery code).",
                ),
                None,
            ),
            ApiError::MfaEnrolmentRequired => (
                Message::new(
                    "A oficina exige verificação em duas etapas: ative-a em Segurança para continuar.",
                    "The workshop requires two-step verification: turn it on under Security to continue.",
                ),
                None,
            ),
            ApiError::Busy => (
                Message::new(
                    "O servidor está ocupado. Tente de novo em instantes.",
                    "The server is busy. Try again in a moment.",
                ),
                None,
            ),
            ApiError::Internal(cause) => {
                tracing::error!(%cause, "internal error");
                (
                    Message::new(
                        "Erro interno. Tente de novo em instantes.",
                        "Internal error. Try again in a moment.",
                    ),
                    None,
                )
            }
        };
        let language = LANGUAGE.try_with(|language| *language).unwrap_or_default();
        async_graphql::Error::new(message.text(language)).extend_with(|_, ext| {
            ext.set("code", code);
            if let Some(field) = &field {
                ext.set("field", field.as_str());
            }
            if let Some(challenge) = &challenge {
                ext.set("challenge", challenge.as_str());
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use axum::http::HeaderValue;

    use super::*;

    fn language(value: &str) -> Language {
        let mut headers = HeaderMap::new();
        headers.insert(ACCEPT_LANGUAGE, HeaderValue::from_str(value).unwrap());
        language_from_headers(&headers)
    }

    #[test]
    fn accept_language_picks_english_or_portuguese() {
        assert_eq!(language_from_headers(&HeaderMap::new()), Language::PtBr);
        assert_eq!(language("en"), Language::En);
        assert_eq!(language("en-US,en;q=0.9"), Language::En);
        assert_eq!(language("pt-BR,pt;q=0.9,en;q=0.8"), Language::PtBr);
        assert_eq!(language("fr-FR, en;q=0.5"), Language::En);
        assert_eq!(language("de"), Language::PtBr);
        assert_eq!(language("pt;q=0.4, en-GB;q=0.7"), Language::En);
    }

    #[test]
    fn a_busy_password_pool_is_rate_limited() {
        let error = ApiError::from(DomainError::Busy(oficina_domain::types::Busy));
        assert_eq!(error.code(), "RATE_LIMITED");
        let error = async_graphql::Error::from(error);
        assert_eq!(error.message, "O servidor está ocupado. Tente de novo em instantes.");
    }
}
