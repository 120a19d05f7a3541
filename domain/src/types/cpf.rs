use std::fmt;

use crate::message::Message;

const BAD_CHECK_DIGITS: Message =
    Message::new("CPF inválido: confira os dígitos verificadores.", "Invalid CPF: check the check digits.");

/// A CPF (individual taxpayer number): 11 digits with two check digits, stored as the digits,
/// shown as `529.982.247-25` or, to roles that do not need it whole, `***.982.247-**`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Cpf(String);

impl Cpf {
    /// Parses a CPF with or without punctuation, verifying its check digits.
    pub fn parse(input: &str) -> Result<Self, Message> {
        let digits: Vec<u32> = super::strip_punctuation(input.trim())
            .chars()
            .map(|c| {
                c.to_digit(10)
                    .ok_or(Message::new("O CPF deve ter só números.", "The CPF must have digits only."))
            })
            .collect::<Result<_, _>>()?;
        if digits.len() != 11 {
            return Err(Message::new("O CPF deve ter 11 dígitos.", "The CPF must have 11 digits."));
        }
        if digits.iter().all(|d| *d == digits[0]) {
            return Err(BAD_CHECK_DIGITS);
        }
        let check = |len: usize| {
            let sum: u32 = digits[..len].iter().zip((2..=len as u32 + 1).rev()).map(|(d, w)| d * w).sum();
            match sum % 11 {
                0 | 1 => 0,
                rest => 11 - rest,
            }
        };
        if digits[9] != check(9) || digits[10] != check(10) {
            return Err(BAD_CHECK_DIGITS);
        }
        Ok(Self(digits.iter().map(|d| char::from_digit(*d, 10).unwrap()).collect()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// `***.982.247-**`: enough to tell people apart, not enough to use.
    pub fn masked(&self) -> String {
        format!("***.{}.{}-**", &self.0[3..6], &self.0[6..9])
    }
}

impl fmt::Display for Cpf {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = &self.0;
        write!(f, "{}.{}.{}-{}", &s[0..3], &s[3..6], &s[6..9], &s[9..11])
    }
}

#[cfg(test)]
mod tests {
    use super::Cpf;

    #[test]
    fn parses_formats_and_masks() {
        let cpf = Cpf::parse("529.982.247-25").unwrap();
        assert_eq!(cpf.as_str(), "52998224725");
        assert_eq!(cpf.to_string(), "529.982.247-25");
        assert_eq!(cpf.masked(), "***.982.247-**");
        assert_eq!(Cpf::parse(" 52998224725 ").unwrap(), cpf);
    }

    #[test]
    fn rejects_bad_digits_length_and_repeats() {
        for bad in ["529.982.247-24", "5299822472", "111.111.111-11", "529.982.247-2A", ""] {
            assert!(Cpf::parse(bad).is_err(), "{bad}");
        }
    }
}
