//! The customer form: what staff type, and its validation into a [`ValidCustomer`].

use chrono::{NaiveDate, Utc};

use crate::crm::STATES;
use crate::crm::models::{AddressKind, CustomerKind, PhoneKind};
use crate::error::DomainError;
use crate::message::Message;
use crate::types::{Cep, Document, Email, Phone, Text};

/// What staff type in the customer form.
#[derive(Debug, Clone, Default)]
pub struct CustomerInput {
    pub name: String,
    pub document: String,
    pub rg: Option<String>,
    pub birth_date: Option<NaiveDate>,
    pub emails: Vec<String>,
    pub phones: Vec<PhoneInput>,
    pub addresses: Vec<AddressInput>,
    pub marketing_consent: bool,
}

/// A phone in the customer form.
#[derive(Debug, Clone)]
pub struct PhoneInput {
    pub ddd: String,
    pub number: String,
    pub kind: PhoneKind,
}

/// An address in the customer form.
#[derive(Debug, Clone)]
pub struct AddressInput {
    pub kind: AddressKind,
    pub street: String,
    pub number: String,
    pub district: String,
    pub complement: Option<String>,
    pub city: String,
    pub state: String,
    pub cep: String,
}

/// A validated form.
pub(super) struct ValidCustomer {
    pub kind: CustomerKind,
    pub name: Text,
    pub document: Document,
    pub rg: Option<Text>,
    pub birth_date: Option<NaiveDate>,
    pub emails: Vec<Email>,
    pub phones: Vec<(Phone, PhoneKind)>,
    pub addresses: Vec<ValidAddress>,
    pub marketing_consent: bool,
}

/// A validated address.
pub(super) struct ValidAddress {
    pub kind: AddressKind,
    pub street: Text,
    pub number: Text,
    pub district: Text,
    pub complement: Option<Text>,
    pub city: Text,
    /// A UF code of [`STATES`].
    pub state: String,
    pub cep: Cep,
}

/// A required text field at `field`: at most `max` characters, `missing` when empty.
fn required(field: String, value: &str, max: usize, missing: Message) -> Result<Text, DomainError> {
    Text::required(value, max, missing).map_err(DomainError::invalid_at(field))
}

/// An optional text field at `field`, at most `max` characters.
fn optional(field: String, value: Option<&str>, max: usize) -> Result<Option<Text>, DomainError> {
    Text::optional(value, max).map_err(DomainError::invalid_at(field))
}

impl CustomerInput {
    /// Checks every field; the error names the first wrong one by its path (`phones.0.number`).
    pub(super) fn validate(self) -> Result<ValidCustomer, DomainError> {
        let name =
            required("name".into(), &self.name, 160, Message::new("Informe o nome.", "Enter the name."))?;
        let document = Document::parse(&self.document).map_err(DomainError::invalid_at("document"))?;
        let kind = match document {
            Document::Cpf(_) => CustomerKind::Person,
            Document::Cnpj(_) => CustomerKind::Company,
        };
        let rg = optional("rg".into(), self.rg.as_deref(), 20)?;
        if let Some(birth) = self.birth_date {
            if birth > Utc::now().date_naive() {
                return Err(DomainError::invalid(
                    "birthDate",
                    Message::new(
                        "A data de nascimento não pode estar no futuro.",
                        "The birth date cannot be in the future.",
                    ),
                ));
            }
            if birth < NaiveDate::from_ymd_opt(1900, 1, 1).expect("valid date") {
                return Err(DomainError::invalid(
                    "birthDate",
                    Message::new("Confira o ano de nascimento.", "Check the year of birth."),
                ));
            }
        }
        let emails = self
            .emails
            .iter()
            .enumerate()
            .map(|(i, e)| Email::parse(e).map_err(DomainError::invalid_at(format!("emails.{i}"))))
            .collect::<Result<Vec<_>, _>>()?;
        let phones = self
            .phones
            .iter()
            .enumerate()
            .map(|(i, p)| {
                Phone::parse(&p.ddd, &p.number)
                    .map(|phone| (phone, p.kind))
                    .map_err(|(part, m)| DomainError::invalid(format!("phones.{i}.{part}"), m))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let addresses = self
            .addresses
            .into_iter()
            .enumerate()
            .map(|(i, a)| a.validate(|field| format!("addresses.{i}.{field}")))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(ValidCustomer {
            kind,
            name,
            document,
            rg,
            birth_date: self.birth_date,
            emails,
            phones,
            addresses,
            marketing_consent: self.marketing_consent,
        })
    }
}

impl AddressInput {
    /// Checks the address; `at` gives a field's path.
    fn validate(self, at: impl Fn(&str) -> String) -> Result<ValidAddress, DomainError> {
        let street =
            required(at("street"), &self.street, 160, Message::new("Informe a rua.", "Enter the street."))?;
        let number = required(
            at("number"),
            &self.number,
            20,
            Message::new("Informe o número (ou s/n).", "Enter the number (or s/n)."),
        )?;
        let district = required(
            at("district"),
            &self.district,
            100,
            Message::new("Informe o bairro.", "Enter the district."),
        )?;
        let complement = optional(at("complement"), self.complement.as_deref(), 160)?;
        let city =
            required(at("city"), &self.city, 100, Message::new("Informe a cidade.", "Enter the city."))?;
        let state = self.state.trim().to_uppercase();
        if !STATES.iter().any(|(code, _)| *code == state) {
            return Err(DomainError::invalid(
                at("state"),
                Message::new("Escolha uma UF válida, como SP ou RJ.", "Choose a valid state, like SP or RJ."),
            ));
        }
        let cep = Cep::parse(&self.cep).map_err(DomainError::invalid_at(at("cep")))?;
        Ok(ValidAddress { kind: self.kind, street, number, district, complement, city, state, cep })
    }
}
