use std::fmt;

use crate::message::Message;

/// An e-mail address, trimmed and lower-cased.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Email(String);

impl Email {
    /// Parses an address of the form `local@domain.tld`.
    pub fn parse(input: &str) -> Result<Self, Message> {
        let value = input.trim().to_lowercase();
        let valid = value.len() <= 254
            && !value.chars().any(char::is_whitespace)
            && match value.split_once('@') {
                Some((local, domain)) => {
                    !local.is_empty()
                        && !domain.contains('@')
                        && domain.contains('.')
                        && !domain.starts_with('.')
                        && !domain.ends_with('.')
                        && !domain.contains("..")
                }
                None => false,
            };
        if valid {
            Ok(Self(value))
        } else {
            Err(Message::new(
                "Informe um e-mail válido, como nome@exemplo.com.",
                "Enter a valid e-mail, like name@example.com.",
            ))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::Email;

    #[test]
    fn normalizes_and_validates() {
        assert_eq!(Email::parse("  Ze@Example.COM ").unwrap().as_str(), "ze@example.com");
        for bad in ["", "ze", "ze@", "@x.com", "ze@x", "z e@x.com", "ze@x..com", "a@b@c.com"] {
            assert!(Email::parse(bad).is_err(), "{bad} should be rejected");
        }
    }
}
