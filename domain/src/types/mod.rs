//! Parsed value types: an instance is always valid and normalized.

mod cep;
mod cnpj;
mod cpf;
mod document;
mod email;
mod money;
mod password;
mod phone;
mod plate;
mod quantity;
mod search;
mod text;

pub use cep::Cep;
pub use cnpj::Cnpj;
pub use cpf::Cpf;
pub use document::Document;
pub use email::Email;
pub use money::Money;
pub use password::{Busy, Password, PasswordHash};
pub use phone::Phone;
pub use plate::Plate;
pub use quantity::Quantity;
pub use search::normalize_search;
pub use text::Text;

/// Keeps only the characters that carry a document's value: digits and letters, upper-cased.
pub(crate) fn strip_punctuation(input: &str) -> String {
    input.chars().filter(|c| !matches!(c, '.' | '-' | '/' | ' ')).map(|c| c.to_ascii_uppercase()).collect()
}
