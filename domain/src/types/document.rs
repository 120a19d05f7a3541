use std::fmt;

use super::{Cnpj, Cpf};
use crate::message::Message;

/// A customer's document: a CPF makes a person, a CNPJ a company.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Document {
    Cpf(Cpf),
    Cnpj(Cnpj),
}

impl Document {
    /// Parses a CPF (11 digits) or a CNPJ (14 characters), with or without punctuation.
    pub fn parse(input: &str) -> Result<Self, Message> {
        match super::strip_punctuation(input.trim()).len() {
            0 => Err(Message::new("Informe o CPF ou o CNPJ.", "Enter the CPF or the CNPJ.")),
            11 => Cpf::parse(input).map(Document::Cpf),
            14 => Cnpj::parse(input).map(Document::Cnpj),
            _ => Err(Message::new(
                "Informe um CPF (11 dígitos) ou um CNPJ (14 caracteres).",
                "Enter a CPF (11 digits) or a CNPJ (14 characters).",
            )),
        }
    }

    /// The normalized characters, as stored.
    pub fn as_str(&self) -> &str {
        match self {
            Document::Cpf(cpf) => cpf.as_str(),
            Document::Cnpj(cnpj) => cnpj.as_str(),
        }
    }

    /// Masked for roles that must not see a person's whole CPF; a company's CNPJ is public.
    pub fn masked(&self) -> String {
        match self {
            Document::Cpf(cpf) => cpf.masked(),
            Document::Cnpj(cnpj) => cnpj.to_string(),
        }
    }
}

impl fmt::Display for Document {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Document::Cpf(cpf) => cpf.fmt(f),
            Document::Cnpj(cnpj) => cnpj.fmt(f),
        }
    }
}
