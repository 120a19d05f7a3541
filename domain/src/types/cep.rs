use std::fmt;

/// A CEP (postal code): 8 digits, shown as `01001-000`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cep(String);

impl Cep {
    pub fn parse(input: &str) -> Result<Self, &'static str> {
        let value = super::strip_punctuation(input.trim());
        if value.len() == 8 && value.chars().all(|c| c.is_ascii_digit()) {
            Ok(Self(value))
        } else {
            Err("O CEP deve ter 8 dígitos, como 01001-000.")
        }
    }
}

impl fmt::Display for Cep {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", &self.0[..5], &self.0[5..])
    }
}
