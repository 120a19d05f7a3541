use std::fmt;

use crate::message::Message;

/// A CEP (postal code): 8 digits, shown as `01001-000`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cep(String);

impl Cep {
    pub fn parse(input: &str) -> Result<Self, Message> {
        let value = super::strip_punctuation(input.trim());
        if value.len() == 8 && value.chars().all(|c| c.is_ascii_digit()) {
            Ok(Self(value))
        } else {
            Err(Message::new(
                "O CEP deve ter 8 dígitos, como 01001-000.",
                "The CEP must have 8 digits, like 01001-000.",
            ))
        }
    }
}

impl fmt::Display for Cep {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", &self.0[..5], &self.0[5..])
    }
}
