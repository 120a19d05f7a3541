use std::fmt;

use super::strip_punctuation;
use crate::message::Message;

/// A CNPJ (company registry number), numeric or in the alphanumeric form that starts in 2026:
/// twelve characters `0-9A-Z` and two check digits. Stored as the 14 characters, shown masked
/// as `12.ABC.345/01DE-35`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Cnpj(String);

const BAD_CHECK_DIGITS: Message =
    Message::new("CNPJ inválido: confira os dígitos verificadores.", "Invalid CNPJ: check the check digits.");

const FIRST_WEIGHTS: [u32; 12] = [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];
const SECOND_WEIGHTS: [u32; 13] = [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];

impl Cnpj {
    /// Parses a CNPJ with or without punctuation, verifying its check digits.
    pub fn parse(input: &str) -> Result<Self, Message> {
        let value = strip_punctuation(input.trim());
        let chars: Vec<char> = value.chars().collect();
        if chars.len() != 14 {
            return Err(Message::new("O CNPJ deve ter 14 caracteres.", "The CNPJ must have 14 characters."));
        }
        let (base, check) = chars.split_at(12);
        if !base.iter().all(|c| c.is_ascii_digit() || c.is_ascii_uppercase())
            || !check.iter().all(char::is_ascii_digit)
        {
            return Err(Message::new("O CNPJ tem caracteres inválidos.", "The CNPJ has invalid characters."));
        }
        if chars.iter().all(|c| *c == chars[0]) {
            return Err(BAD_CHECK_DIGITS);
        }
        let first = check_digit(base, &FIRST_WEIGHTS);
        let second = check_digit(&chars[..13], &SECOND_WEIGHTS);
        if chars[12].to_digit(10) != Some(first) || chars[13].to_digit(10) != Some(second) {
            return Err(BAD_CHECK_DIGITS);
        }
        Ok(Self(value))
    }

    /// The 14 normalized characters, as stored.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The value of a character is its ASCII code minus 48 (so `0`–`9` are 0–9 and `A` is 17).
fn check_digit(chars: &[char], weights: &[u32]) -> u32 {
    let sum: u32 = chars.iter().zip(weights).map(|(c, w)| (*c as u32 - 48) * w).sum();
    match sum % 11 {
        0 | 1 => 0,
        rest => 11 - rest,
    }
}

impl fmt::Display for Cnpj {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = &self.0;
        write!(f, "{}.{}.{}/{}-{}", &s[0..2], &s[2..5], &s[5..8], &s[8..12], &s[12..14])
    }
}

#[cfg(test)]
mod tests {
    use super::Cnpj;

    #[test]
    fn accepts_numeric_with_or_without_punctuation() {
        let masked = Cnpj::parse("11.222.333/0001-81").unwrap();
        assert_eq!(masked.as_str(), "11222333000181");
        assert_eq!(masked.to_string(), "11.222.333/0001-81");
        assert_eq!(Cnpj::parse("11222333000181").unwrap(), masked);
    }

    #[test]
    fn accepts_the_alphanumeric_form() {
        let cnpj = Cnpj::parse("12.abc.345/01de-35").unwrap();
        assert_eq!(cnpj.as_str(), "12ABC34501DE35");
        assert_eq!(cnpj.to_string(), "12.ABC.345/01DE-35");
    }

    #[test]
    fn rejects_wrong_check_digits_length_and_repeats() {
        assert!(Cnpj::parse("11.222.333/0001-82").is_err());
        assert!(Cnpj::parse("12.ABC.345/01DE-36").is_err());
        assert!(Cnpj::parse("1122233300018").is_err());
        assert!(Cnpj::parse("00000000000000").is_err());
        assert!(Cnpj::parse("11.222.333/0001-8A").is_err());
    }
}
