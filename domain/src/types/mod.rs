//! Parsed value types: an instance is always valid and normalized.

mod cnpj;
mod email;
mod password;

pub use cnpj::Cnpj;
pub use email::Email;
pub use password::{Password, PasswordHash};

/// Keeps only the characters that carry a document's value: digits and letters, upper-cased.
pub(crate) fn strip_punctuation(input: &str) -> String {
    input.chars().filter(|c| !matches!(c, '.' | '-' | '/' | ' ')).map(|c| c.to_ascii_uppercase()).collect()
}
