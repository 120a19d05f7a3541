use std::fmt;

use crate::message::Message;

/// A vehicle plate, old (`ABC-1234`) or Mercosul (`ABC1D23`), stored upper-case without the dash.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Plate(String);

impl Plate {
    pub fn parse(input: &str) -> Result<Self, Message> {
        let value = super::strip_punctuation(input.trim());
        let c: Vec<char> = value.chars().collect();
        let valid = c.len() == 7
            && c[..3].iter().all(char::is_ascii_uppercase)
            && c[3].is_ascii_digit()
            && (c[4].is_ascii_digit() || c[4].is_ascii_uppercase())
            && c[5..].iter().all(char::is_ascii_digit);
        if valid {
            Ok(Self(value))
        } else {
            Err(Message::new(
                "Placa inválida: use ABC-1234 ou ABC1D23.",
                "Invalid plate: use ABC-1234 or ABC1D23.",
            ))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Plate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::Plate;

    #[test]
    fn accepts_old_and_mercosul_plates() {
        assert_eq!(Plate::parse("abc-1234").unwrap().as_str(), "ABC1234");
        assert_eq!(Plate::parse("BRA2E19").unwrap().as_str(), "BRA2E19");
        for bad in ["AB1234", "ABC12345", "1BC1234", "ABC1D2E", ""] {
            assert!(Plate::parse(bad).is_err(), "{bad}");
        }
    }
}
