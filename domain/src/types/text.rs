use std::fmt;

use crate::message::Message;

/// Short text a person typed (a name, a street, a brand): trimmed, inner runs of whitespace
/// collapsed to one space, at most a given number of characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Text(String);

impl Text {
    /// A required field; `missing` is the message for an empty one ("Informe o nome.").
    pub fn required(input: &str, max: usize, missing: Message) -> Result<Self, Message> {
        Self::optional(Some(input), max)?.ok_or(missing)
    }

    /// An optional field: empty (or only spaces) is `None`.
    pub fn optional(input: Option<&str>, max: usize) -> Result<Option<Self>, Message> {
        let value = input.unwrap_or_default().split_whitespace().collect::<Vec<_>>().join(" ");
        match value.chars().count() {
            0 => Ok(None),
            n if n > max => Err(Message::too_long(max)),
            _ => Ok(Some(Self(value))),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MISSING: Message = Message::new("Informe o nome.", "Enter the name.");

    #[test]
    fn collapses_spaces_and_checks_length() {
        assert_eq!(Text::required("  João   da  Silva ", 20, MISSING).unwrap().as_str(), "João da Silva");
        assert_eq!(Text::required("   ", 20, MISSING).unwrap_err(), MISSING);
        assert!(Text::required("ãããã", 3, MISSING).is_err());
        assert_eq!(Text::required("ããã", 3, MISSING).unwrap().as_str(), "ããã");
        assert_eq!(Text::optional(Some(" "), 3).unwrap(), None);
        assert_eq!(Text::optional(None, 3).unwrap(), None);
    }
}
