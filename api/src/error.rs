//! One error type for the api, turned into a GraphQL error with `extensions.code` from a fixed set.

use async_graphql::ErrorExtensions;
use oficina_domain::{DomainError, FieldError};

/// What a resolver fails with. It deliberately has no `Display`, so `?` always goes through
/// `From<ApiError> for async_graphql::Error` and never loses the code.
#[derive(Debug)]
pub enum ApiError {
    BadUserInput(FieldError),
    Unauthenticated(&'static str),
    Forbidden,
    NotFound,
    Conflict(FieldError),
    RateLimited,
    /// Logged with its cause; the client only sees a generic message.
    Internal(String),
}

impl ApiError {
    pub fn bad_input(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::BadUserInput(FieldError::new(field, message))
    }

    /// Prefixes the field of an input error with the argument that holds it (`input`).
    pub fn under(self, argument: &str) -> Self {
        let prefix = |e: FieldError| FieldError::new(format!("{argument}.{}", e.field), e.message);
        match self {
            Self::BadUserInput(e) => Self::BadUserInput(prefix(e)),
            Self::Conflict(e) => Self::Conflict(prefix(e)),
            other => other,
        }
    }

    pub fn code(&self) -> &'static str {
        match self {
            Self::BadUserInput(_) => "BAD_USER_INPUT",
            Self::Unauthenticated(_) => "UNAUTHENTICATED",
            Self::Forbidden => "FORBIDDEN",
            Self::NotFound => "NOT_FOUND",
            Self::Conflict(_) => "CONFLICT",
            Self::RateLimited => "RATE_LIMITED",
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
            DomainError::InvalidCredentials => Self::Unauthenticated("E-mail ou senha incorretos."),
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
        let (message, field) = match err {
            ApiError::BadUserInput(e) | ApiError::Conflict(e) => (e.message, Some(e.field)),
            ApiError::Unauthenticated(message) => (message.to_owned(), None),
            ApiError::Forbidden => ("Você não tem permissão para isto.".to_owned(), None),
            ApiError::NotFound => ("Não encontrado.".to_owned(), None),
            ApiError::RateLimited => {
                ("Muitas tentativas. Aguarde um minuto e tente de novo.".to_owned(), None)
            }
            ApiError::Internal(cause) => {
                tracing::error!(%cause, "internal error");
                ("Erro interno. Tente de novo em instantes.".to_owned(), None)
            }
        };
        async_graphql::Error::new(message).extend_with(|_, ext| {
            ext.set("code", code);
            if let Some(field) = &field {
                ext.set("field", field.as_str());
            }
        })
    }
}
