//! Text for people in the app's two languages: Portuguese (pt-BR) first, English second.
//! The domain builds a [`Message`] at each error site; the api picks the caller's [`Language`].

use std::borrow::Cow;
use std::fmt;

/// A sentence for a person, in Portuguese and in English.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub pt: Cow<'static, str>,
    pub en: Cow<'static, str>,
}

impl Message {
    /// A fixed sentence: `Message::new("Informe o nome.", "Enter the name.")`.
    pub const fn new(pt: &'static str, en: &'static str) -> Self {
        Self { pt: Cow::Borrowed(pt), en: Cow::Borrowed(en) }
    }

    /// A sentence built at run time (`format!`) in each language.
    pub fn owned(pt: String, en: String) -> Self {
        Self { pt: Cow::Owned(pt), en: Cow::Owned(en) }
    }

    /// A text typed longer than `max` characters.
    pub fn too_long(max: usize) -> Self {
        Self::owned(format!("Use no máximo {max} caracteres."), format!("Use at most {max} characters."))
    }

    /// The same text in both languages, for what has no translation (a parser's own error).
    pub fn untranslated(text: String) -> Self {
        Self { pt: Cow::Owned(text.clone()), en: Cow::Owned(text) }
    }

    /// The text in `language`.
    pub fn text(&self, language: Language) -> &str {
        match language {
            Language::PtBr => &self.pt,
            Language::En => &self.en,
        }
    }
}

/// Logs and `Display` show the Portuguese text.
impl fmt::Display for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.pt)
    }
}

/// The language a person reads: pt-BR unless they asked for English.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Language {
    #[default]
    PtBr,
    En,
}

impl Language {
    /// The language of a BCP 47 tag by its primary subtag (`pt-BR`, `pt` → pt-BR; `en`, `en-US`
    /// → English); `None` for any other language.
    pub fn from_tag(tag: &str) -> Option<Language> {
        let primary = tag.trim().split(['-', '_']).next().unwrap_or_default();
        if primary.eq_ignore_ascii_case("pt") {
            Some(Language::PtBr)
        } else if primary.eq_ignore_ascii_case("en") {
            Some(Language::En)
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_pick_a_language() {
        assert_eq!(Language::from_tag("pt-BR"), Some(Language::PtBr));
        assert_eq!(Language::from_tag("en"), Some(Language::En));
        assert_eq!(Language::from_tag(" EN-us "), Some(Language::En));
        assert_eq!(Language::from_tag("fr-FR"), None);
        let message = Message::new("Olá", "Hello");
        assert_eq!(message.text(Language::En), "Hello");
        assert_eq!(message.to_string(), "Olá");
    }
}
