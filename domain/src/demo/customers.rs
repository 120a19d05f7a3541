//! About forty customers of the demo workshop: people and companies in several states, with their
//! cars, motorcycles and trucks. They are read from `customers.json` and created through the CRM's
//! own commands, so they are validated and recorded as events exactly like the ones staff type in.
//! Their CPFs and CNPJs get check digits from the domain's own parser: none is ever invalid.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Deserialize;

use super::orders::DemoCar;
use crate::DomainError;
use crate::audit::Actor;
use crate::crm::{
    AddressInput, AddressKind, Customer, CustomerInput, Fuel, PhoneInput, PhoneKind, Vehicle, VehicleInput,
    VehicleKind, catalog,
};
use crate::db::Conn;
use crate::types::Document;

const CUSTOMERS_JSON: &str = include_str!("customers.json");

#[derive(Deserialize)]
#[serde(bound(deserialize = "'de: 'static"))]
struct DemoData {
    /// City name → (UF, DDD).
    cities: HashMap<&'static str, (&'static str, &'static str)>,
    customers: Vec<DemoCustomer>,
}

/// A person (with a birth date) or a company (without one).
#[derive(Deserialize)]
struct DemoCustomer {
    name: &'static str,
    born: Option<NaiveDate>,
    email: &'static str,
    /// Nine digits: a mobile; eight: a landline. The DDD is the city's.
    phones: Vec<&'static str>,
    address: DemoAddress,
    vehicles: Vec<DemoVehicle>,
}

/// Street, number, complement, district, city, CEP.
#[derive(Deserialize)]
struct DemoAddress(
    &'static str,
    &'static str,
    Option<&'static str>,
    &'static str,
    &'static str,
    &'static str,
);

/// Plate, brand and model (as the catalog spells them), year, colour, odometer (km), fuel.
#[derive(Deserialize)]
struct DemoVehicle(&'static str, &'static str, &'static str, i32, &'static str, i64, &'static str);

/// Creates the demo customers and their vehicles in `workshop_id`, as `actor`; returns each
/// customer's first vehicle.
pub(super) async fn seed(
    conn: &mut Conn<'_>,
    workshop_id: i64,
    actor: &Actor,
) -> Result<Vec<DemoCar>, DomainError> {
    let data: DemoData = serde_json::from_str(CUSTOMERS_JSON)
        .map_err(|e| DomainError::Internal(format!("demo/customers.json: {e}")))?;
    let mut digits = Digits(2026);
    let mut cars = Vec::with_capacity(data.customers.len());
    for (i, demo) in data.customers.iter().enumerate() {
        let (input, vehicles) = demo.inputs(i, &data.cities, &mut digits)?;
        let customer = Customer::create(conn, workshop_id, actor, input).await?.value.customer;
        for (n, vehicle) in vehicles.into_iter().enumerate() {
            let odometer_km = vehicle.odometer_km.unwrap_or(0);
            let input = VehicleInput { customer_id: customer.id, ..vehicle };
            let created = Vehicle::create(conn, workshop_id, actor, input).await?.value;
            if n == 0 {
                cars.push(DemoCar { customer_id: customer.id, vehicle_id: created.id, odometer_km });
            }
        }
    }
    Ok(cars)
}

impl DemoCustomer {
    /// The customer form and the vehicle forms (their `customer_id` still 0) of the `i`-th customer.
    fn inputs(
        &self,
        i: usize,
        cities: &HashMap<&str, (&str, &str)>,
        digits: &mut Digits,
    ) -> Result<(CustomerInput, Vec<VehicleInput>), DomainError> {
        let DemoAddress(street, number, complement, district, city, cep) = self.address;
        let &(state, ddd) =
            cities.get(city).ok_or_else(|| DomainError::Internal(format!("demo city {city} has no UF")))?;
        let company = self.born.is_none();
        let phones = self
            .phones
            .iter()
            .map(|number| {
                let mobile = number.chars().filter(char::is_ascii_digit).count() == 9;
                let kind = match (mobile, company) {
                    (true, _) if i.is_multiple_of(2) => PhoneKind::Whatsapp,
                    (true, _) => PhoneKind::Mobile,
                    (false, true) => PhoneKind::Work,
                    (false, false) => PhoneKind::Home,
                };
                PhoneInput { ddd: ddd.into(), number: (*number).into(), kind }
            })
            .collect();
        let document = if company {
            digits.document("0001")
        } else {
            digits.document(&fiscal_region(state).to_string())
        };
        let customer = CustomerInput {
            name: self.name.into(),
            document,
            birth_date: self.born,
            emails: vec![self.email.into()],
            phones,
            addresses: vec![AddressInput {
                kind: if company { AddressKind::Work } else { AddressKind::Home },
                street: street.into(),
                number: number.into(),
                district: district.into(),
                complement: complement.map(Into::into),
                city: city.into(),
                state: state.into(),
                cep: cep.into(),
            }],
            marketing_consent: i % 3 != 2,
            ..CustomerInput::default()
        };
        let vehicles = self.vehicles.iter().map(DemoVehicle::input).collect::<Result<_, _>>()?;
        Ok((customer, vehicles))
    }
}

impl DemoVehicle {
    /// The vehicle form, its kind taken from the catalog.
    fn input(&self) -> Result<VehicleInput, DomainError> {
        let DemoVehicle(plate, brand, model, year, color, odometer_km, fuel) = *self;
        let kind = catalog::kind_of(brand, model).ok_or_else(|| {
            DomainError::Internal(format!("demo vehicle {brand} {model} is not in the catalog"))
        })?;
        let fuel = Fuel::parse(fuel).ok_or_else(|| {
            DomainError::Internal(format!("demo vehicle {plate} has an unknown fuel {fuel}"))
        })?;
        Ok(VehicleInput {
            customer_id: 0,
            plate: plate.into(),
            kind,
            brand: brand.into(),
            model: model.into(),
            year,
            fuel: Some(fuel),
            doors: match kind {
                VehicleKind::Car => Some(4),
                VehicleKind::Truck => Some(2),
                VehicleKind::Motorcycle => None,
            },
            color: Some(color.into()),
            odometer_km: Some(odometer_km),
        })
    }
}

/// The ninth digit of a CPF: the fiscal region that issued it.
fn fiscal_region(state: &str) -> char {
    match state {
        "RS" => '0',
        "DF" | "GO" | "MS" | "MT" | "TO" => '1',
        "AC" | "AM" | "AP" | "PA" | "RO" | "RR" => '2',
        "CE" | "MA" | "PI" => '3',
        "AL" | "PB" | "PE" | "RN" => '4',
        "BA" | "SE" => '5',
        "MG" => '6',
        "ES" | "RJ" => '7',
        "SP" => '8',
        _ => '9',
    }
}

/// Pseudo-random digits for the documents: a linear congruential generator with a fixed seed, so
/// every demo gets the same customers.
struct Digits(u64);

impl Digits {
    fn next(&mut self, count: usize) -> String {
        (0..count)
            .map(|_| {
                self.0 =
                    self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
                char::from(b'0' + ((self.0 >> 33) % 10) as u8)
            })
            .collect()
    }

    /// Eight pseudo-random digits, then `tail`, then the two check digits that make a valid CPF
    /// (`tail` is its ninth digit) or CNPJ (`tail` is the branch, `0001`): the domain's parser says
    /// which of the hundred endings is right. Digits no ending makes valid (all alike) are redrawn.
    fn document(&mut self, tail: &str) -> String {
        loop {
            let base = format!("{}{tail}", self.next(8));
            if let Some(valid) =
                (0..100).map(|n| format!("{base}{n:02}")).find(|candidate| Document::parse(candidate).is_ok())
            {
                return valid;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{CUSTOMERS_JSON, DemoData, Digits};
    use crate::types::Document;

    #[test]
    fn every_demo_customer_gets_a_valid_document_and_vehicles_of_the_catalog() {
        let data: DemoData = serde_json::from_str(CUSTOMERS_JSON).unwrap();
        assert!(data.customers.len() >= 35, "{} customers", data.customers.len());
        let mut digits = Digits(2026);
        for (i, customer) in data.customers.iter().enumerate() {
            let (input, vehicles) = customer.inputs(i, &data.cities, &mut digits).unwrap();
            assert!(Document::parse(&input.document).is_ok(), "{}", input.document);
            assert!(!vehicles.is_empty(), "{} has a vehicle", customer.name);
        }
    }

    #[test]
    fn documents_are_valid_and_the_same_on_every_run() {
        let (mut digits, mut again) = (Digits(7), Digits(7));
        for tail in ["8", "0001", "0", "0001"] {
            let document = digits.document(tail);
            assert!(Document::parse(&document).is_ok(), "{document}");
            assert_eq!(document.len(), 10 + tail.len(), "{document}");
            assert_eq!(&document[8..8 + tail.len()], tail);
            assert_eq!(again.document(tail), document);
        }
    }
}
