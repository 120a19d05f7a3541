//! The errors every domain command can end in. The api maps each variant to one GraphQL error code.

use std::fmt::Display;

use crate::message::Message;

/// An input that is wrong, named by its path relative to the operation's input
/// (`cnpj`, `phones.0.number`), with a message for a person in both languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: String,
    pub message: Message,
}

impl FieldError {
    pub fn new(field: impl Into<String>, message: Message) -> Self {
        Self { field: field.into(), message }
    }
}

/// Why a domain command or query failed. Nothing was written when one is returned.
#[derive(Debug, thiserror::Error)]
pub enum DomainError {
    /// The input is malformed (BAD_USER_INPUT).
    #[error("{}: {}", .0.field, .0.message)]
    Invalid(FieldError),
    /// The input collides with a record that exists (CONFLICT).
    #[error("{}: {}", .0.field, .0.message)]
    Conflict(FieldError),
    /// No such record in the caller's workshop (NOT_FOUND).
    #[error("not found")]
    NotFound,
    /// Wrong e-mail or password (UNAUTHENTICATED).
    #[error("invalid credentials")]
    InvalidCredentials,
    /// The password work waited too long for the argon2 pool (RATE_LIMITED).
    #[error(transparent)]
    Busy(#[from] crate::types::Busy),
    #[error(transparent)]
    Database(#[from] diesel::result::Error),
    /// A failure that is not the caller's fault (INTERNAL); the text is for the log only.
    #[error("{0}")]
    Internal(String),
}

impl DomainError {
    pub fn invalid(field: impl Into<String>, message: Message) -> Self {
        Self::Invalid(FieldError::new(field, message))
    }

    pub fn conflict(field: impl Into<String>, message: Message) -> Self {
        Self::Conflict(FieldError::new(field, message))
    }

    /// Turns a value type's parse error into BAD_USER_INPUT on `field`:
    /// `Email::parse(&input.email).map_err(DomainError::invalid_at("email"))?`.
    pub fn invalid_at(field: impl Into<String>) -> impl FnOnce(Message) -> DomainError {
        move |message| Self::invalid(field, message)
    }

    /// The one policy for a stored value that no longer parses (a row written by an older
    /// version, or by hand): INTERNAL, and the log names the table, the column and the value's
    /// shape (every digit a `9`, every letter an `a`), never the value: it may be a CPF, which no
    /// log may hold.
    pub fn unparsable(table: &str, column: &str, value: &str, why: impl Display) -> Self {
        let shape: String = value
            .chars()
            .take(40)
            .map(|c| {
                if c.is_ascii_digit() {
                    '9'
                } else if c.is_alphabetic() {
                    'a'
                } else {
                    c
                }
            })
            .collect();
        Self::Internal(format!(
            "{table}.{column} holds a value shaped {shape:?}, which does not parse: {why}"
        ))
    }
}

/// Turns a unique-constraint violation into a CONFLICT on `field`; any other error passes through.
/// Pre-checks give the friendly message in the common case; this keeps a race from becoming INTERNAL.
pub fn on_unique_violation(
    field: &str,
    message: Message,
) -> impl FnOnce(diesel::result::Error) -> DomainError {
    move |err| match err {
        diesel::result::Error::DatabaseError(diesel::result::DatabaseErrorKind::UniqueViolation, _) => {
            DomainError::conflict(field, message)
        }
        other => DomainError::Database(other),
    }
}
