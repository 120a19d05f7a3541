//! What the CRM mutations take.

use async_graphql::{ID, InputObject};
use oficina_domain::crm as domain;

use super::{AddressKind, Fuel, PhoneKind, VehicleKind};
use crate::error::ApiError;
use crate::graphql::from_id;
use crate::graphql::scalars::Date;

#[derive(InputObject)]
pub struct PhoneInput {
    ddd: String,
    number: String,
    kind: PhoneKind,
}

#[derive(InputObject)]
pub struct AddressInput {
    kind: AddressKind,
    street: String,
    number: String,
    district: String,
    complement: Option<String>,
    city: String,
    state: String,
    cep: String,
}

/// A customer's data; the kind (PERSON or COMPANY) follows from the document (CPF or CNPJ).
#[derive(InputObject)]
pub struct CustomerInput {
    name: String,
    document: String,
    rg: Option<String>,
    birth_date: Option<Date>,
    #[graphql(default)]
    emails: Vec<String>,
    #[graphql(default)]
    phones: Vec<PhoneInput>,
    #[graphql(default)]
    addresses: Vec<AddressInput>,
    #[graphql(default)]
    marketing_consent: bool,
}

impl From<CustomerInput> for domain::CustomerInput {
    fn from(input: CustomerInput) -> Self {
        Self {
            name: input.name,
            document: input.document,
            rg: input.rg,
            birth_date: input.birth_date.map(|d| d.0),
            emails: input.emails,
            phones: input
                .phones
                .into_iter()
                .map(|p| domain::PhoneInput { ddd: p.ddd, number: p.number, kind: p.kind.into() })
                .collect(),
            addresses: input
                .addresses
                .into_iter()
                .map(|a| domain::AddressInput {
                    kind: a.kind.into(),
                    street: a.street,
                    number: a.number,
                    district: a.district,
                    complement: a.complement,
                    city: a.city,
                    state: a.state,
                    cep: a.cep,
                })
                .collect(),
            marketing_consent: input.marketing_consent,
        }
    }
}

/// A vehicle's data; a new `customerId` on update moves the vehicle to that customer.
#[derive(InputObject)]
pub struct VehicleInput {
    customer_id: ID,
    plate: String,
    kind: VehicleKind,
    brand: String,
    model: String,
    year: i32,
    fuel: Option<Fuel>,
    doors: Option<i32>,
    color: Option<String>,
    odometer_km: Option<i64>,
}

impl VehicleInput {
    /// The domain's input; a malformed `customerId` is NOT_FOUND.
    pub(super) fn into_domain(self) -> Result<domain::VehicleInput, ApiError> {
        Ok(domain::VehicleInput {
            customer_id: from_id(&self.customer_id)?,
            plate: self.plate,
            kind: self.kind.into(),
            brand: self.brand,
            model: self.model,
            year: self.year,
            fuel: self.fuel.map(Into::into),
            doors: self.doors,
            color: self.color,
            odometer_km: self.odometer_km,
        })
    }
}
