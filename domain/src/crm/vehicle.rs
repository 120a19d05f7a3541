//! Vehicles: created for a customer, edited, moved to another customer (a sold car keeps its history).

use chrono::{Datelike, NaiveDateTime, Utc};
use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use serde_json::{Value, json};

use super::customer::changes;
use super::models::Customer;
use crate::audit::{Actor, Committed, Event, NewEvent};
use crate::db::Conn;
use crate::error::{DomainError, on_unique_violation};
use crate::schema::{vehicle_models, vehicles};
use crate::types::Plate;

const PLATE_TAKEN: &str = "Já existe um veículo com esta placa nesta oficina.";

crate::text_enum! {
    /// Car, motorcycle or truck.
    pub enum VehicleKind {
        Car => "CAR",
        Motorcycle => "MOTORCYCLE",
        Truck => "TRUCK",
    }
}

crate::text_enum! {
    /// What the vehicle runs on.
    pub enum Fuel {
        Gasoline => "GASOLINE",
        Ethanol => "ETHANOL",
        Flex => "FLEX",
        Diesel => "DIESEL",
        Cng => "CNG",
        Electric => "ELECTRIC",
        Hybrid => "HYBRID",
    }
}

/// A customer's vehicle.
#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = vehicles, check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct Vehicle {
    pub id: i64,
    pub workshop_id: i64,
    pub customer_id: i64,
    /// Upper-case, without the dash.
    pub plate: String,
    pub kind: VehicleKind,
    pub brand: String,
    pub model: String,
    pub year: i32,
    pub fuel: Option<Fuel>,
    pub doors: Option<i32>,
    pub color: Option<String>,
    pub odometer_km: Option<i64>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// A brand and model of the catalog (seeded, or added by a workshop).
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = vehicle_models, check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct VehicleModel {
    pub kind: VehicleKind,
    pub brand: String,
    pub model: String,
}

/// What staff type in the vehicle form.
#[derive(Debug, Clone)]
pub struct VehicleInput {
    pub customer_id: i64,
    pub plate: String,
    pub kind: VehicleKind,
    pub brand: String,
    pub model: String,
    pub year: i32,
    pub fuel: Option<Fuel>,
    pub doors: Option<i32>,
    pub color: Option<String>,
    pub odometer_km: Option<i64>,
}

struct ValidVehicle {
    customer_id: i64,
    plate: Plate,
    kind: VehicleKind,
    brand: String,
    model: String,
    year: i32,
    fuel: Option<Fuel>,
    doors: Option<i32>,
    color: Option<String>,
    odometer_km: Option<i64>,
}

fn text(field: &str, value: &str, what: &str) -> Result<String, DomainError> {
    let value = value.split_whitespace().collect::<Vec<_>>().join(" ");
    match value.chars().count() {
        0 => Err(DomainError::invalid(field, format!("Informe {what}."))),
        61.. => Err(DomainError::invalid(field, "Use no máximo 60 caracteres.")),
        _ => Ok(value),
    }
}

impl VehicleInput {
    fn validate(self) -> Result<ValidVehicle, DomainError> {
        let plate = Plate::parse(&self.plate).map_err(|m| DomainError::invalid("plate", m))?;
        let brand = text("brand", &self.brand, "a marca")?;
        let model = text("model", &self.model, "o modelo")?;
        let next_year = Utc::now().year() + 1;
        if !(1950..=next_year).contains(&self.year) {
            return Err(DomainError::invalid("year", format!("O ano deve estar entre 1950 e {next_year}.")));
        }
        if self.doors.is_some_and(|d| !(0..=6).contains(&d)) {
            return Err(DomainError::invalid("doors", "O número de portas deve estar entre 0 e 6."));
        }
        if self.odometer_km.is_some_and(|km| !(0..=3_000_000).contains(&km)) {
            return Err(DomainError::invalid(
                "odometerKm",
                "A quilometragem deve estar entre 0 e 3.000.000 km.",
            ));
        }
        let color =
            self.color.map(|c| c.split_whitespace().collect::<Vec<_>>().join(" ")).filter(|c| !c.is_empty());
        if color.as_ref().is_some_and(|c| c.chars().count() > 40) {
            return Err(DomainError::invalid("color", "Use no máximo 40 caracteres."));
        }
        Ok(ValidVehicle {
            customer_id: self.customer_id,
            plate,
            kind: self.kind,
            brand,
            model,
            year: self.year,
            fuel: self.fuel,
            doors: self.doors,
            color,
            odometer_km: self.odometer_km,
        })
    }
}

impl Vehicle {
    /// The vehicle `id` of `workshop_id`.
    pub async fn find(conn: &mut Conn<'_>, workshop_id: i64, id: i64) -> QueryResult<Option<Vehicle>> {
        crate::run!(conn, |c| {
            vehicles::table
                .filter(vehicles::workshop_id.eq(workshop_id))
                .filter(vehicles::id.eq(id))
                .select(Vehicle::as_select())
                .first(c)
                .await
                .optional()
        })
    }

    /// The vehicle with this plate in `workshop_id`.
    pub async fn find_by_plate(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        plate: &Plate,
    ) -> QueryResult<Option<Vehicle>> {
        crate::run!(conn, |c| {
            vehicles::table
                .filter(vehicles::workshop_id.eq(workshop_id))
                .filter(vehicles::plate.eq(plate.as_str()))
                .select(Vehicle::as_select())
                .first(c)
                .await
                .optional()
        })
    }

    /// Registers a vehicle for a customer of `workshop_id`.
    pub async fn create(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        actor: &Actor,
        input: VehicleInput,
    ) -> Result<Committed<Vehicle>, DomainError> {
        let valid = input.validate()?;
        owner(conn, workshop_id, valid.customer_id).await?;
        if Self::find_by_plate(conn, workshop_id, &valid.plate).await?.is_some() {
            return Err(DomainError::conflict("plate", PLATE_TAKEN));
        }
        let actor = actor.clone();
        conn.transaction(|tx| {
            Box::pin(async move {
                let (brand, model) =
                    VehicleModel::remember(tx, workshop_id, valid.kind, &valid.brand, &valid.model).await?;
                let now = Utc::now().naive_utc();
                let vehicle: Vehicle = crate::run!(tx, |c| {
                    diesel::insert_into(vehicles::table)
                        .values((
                            vehicles::workshop_id.eq(workshop_id),
                            vehicles::customer_id.eq(valid.customer_id),
                            vehicles::plate.eq(valid.plate.as_str()),
                            vehicles::kind.eq(valid.kind),
                            vehicles::brand.eq(&brand),
                            vehicles::model.eq(&model),
                            vehicles::year.eq(valid.year),
                            vehicles::fuel.eq(valid.fuel),
                            vehicles::doors.eq(valid.doors),
                            vehicles::color.eq(&valid.color),
                            vehicles::odometer_km.eq(valid.odometer_km),
                            vehicles::created_at.eq(now),
                            vehicles::updated_at.eq(now),
                        ))
                        .returning(Vehicle::as_returning())
                        .get_result(c)
                        .await
                })
                .map_err(on_unique_violation("plate", PLATE_TAKEN))?;
                Customer::refresh_search(tx, workshop_id, vehicle.customer_id).await?;
                let event = Event::append(
                    tx,
                    NewEvent {
                        workshop_id,
                        actor: Some(&actor),
                        aggregate_type: "vehicle",
                        aggregate_id: vehicle.id,
                        kind: "vehicle.created",
                        payload: vehicle.snapshot(),
                    },
                )
                .await?;
                Ok(Committed { value: vehicle, events: vec![event] })
            })
        })
        .await
    }

    /// Edits a vehicle; a new `customer_id` moves it to that customer (`vehicle.transferred`),
    /// and its history stays with the vehicle.
    pub async fn update(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        actor: &Actor,
        id: i64,
        input: VehicleInput,
    ) -> Result<Committed<Vehicle>, DomainError> {
        let valid = input.validate()?;
        let before = Self::find(conn, workshop_id, id).await?.ok_or(DomainError::NotFound)?;
        owner(conn, workshop_id, valid.customer_id).await?;
        if let Some(other) = Self::find_by_plate(conn, workshop_id, &valid.plate).await?
            && other.id != id
        {
            return Err(DomainError::conflict("plate", PLATE_TAKEN));
        }
        let actor = actor.clone();
        conn.transaction(|tx| {
            Box::pin(async move {
                let (brand, model) =
                    VehicleModel::remember(tx, workshop_id, valid.kind, &valid.brand, &valid.model).await?;
                let vehicle: Vehicle = crate::run!(tx, |c| {
                    diesel::update(vehicles::table.find(id))
                        .set((
                            vehicles::customer_id.eq(valid.customer_id),
                            vehicles::plate.eq(valid.plate.as_str()),
                            vehicles::kind.eq(valid.kind),
                            vehicles::brand.eq(&brand),
                            vehicles::model.eq(&model),
                            vehicles::year.eq(valid.year),
                            vehicles::fuel.eq(valid.fuel),
                            vehicles::doors.eq(valid.doors),
                            vehicles::color.eq(&valid.color),
                            vehicles::odometer_km.eq(valid.odometer_km),
                            vehicles::updated_at.eq(Utc::now().naive_utc()),
                        ))
                        .returning(Vehicle::as_returning())
                        .get_result(c)
                        .await
                })
                .map_err(on_unique_violation("plate", PLATE_TAKEN))?;
                let transferred = before.customer_id != vehicle.customer_id;
                Customer::refresh_search(tx, workshop_id, vehicle.customer_id).await?;
                if transferred {
                    Customer::refresh_search(tx, workshop_id, before.customer_id).await?;
                }
                let event = Event::append(
                    tx,
                    NewEvent {
                        workshop_id,
                        actor: Some(&actor),
                        aggregate_type: "vehicle",
                        aggregate_id: id,
                        kind: if transferred { "vehicle.transferred" } else { "vehicle.updated" },
                        payload: changes(&before.snapshot(), &vehicle.snapshot()),
                    },
                )
                .await?;
                Ok(Committed { value: vehicle, events: vec![event] })
            })
        })
        .await
    }

    fn snapshot(&self) -> Value {
        json!({
            "customerId": self.customer_id, "plate": self.plate, "kind": self.kind.as_str(),
            "brand": self.brand, "model": self.model, "year": self.year,
            "fuel": self.fuel.map(Fuel::as_str), "doors": self.doors, "color": self.color,
            "odometerKm": self.odometer_km,
        })
    }
}

/// The owner must be a customer of the same workshop; any other id is not found.
async fn owner(conn: &mut Conn<'_>, workshop_id: i64, customer_id: i64) -> Result<Customer, DomainError> {
    Customer::find(conn, workshop_id, customer_id).await?.ok_or(DomainError::NotFound)
}

impl VehicleModel {
    /// The seeded catalog and what `workshop_id` added, optionally of one kind and brand.
    pub async fn catalog(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        kind: Option<VehicleKind>,
        brand: Option<&str>,
    ) -> QueryResult<Vec<VehicleModel>> {
        crate::run!(conn, |c| {
            let mut query = vehicle_models::table
                .filter(vehicle_models::workshop_id.is_null().or(vehicle_models::workshop_id.eq(workshop_id)))
                .into_boxed();
            if let Some(kind) = kind {
                query = query.filter(vehicle_models::kind.eq(kind));
            }
            if let Some(brand) = brand {
                query = query.filter(vehicle_models::brand.eq(brand.to_owned()));
            }
            query
                .order((vehicle_models::brand, vehicle_models::model))
                .select(VehicleModel::as_select())
                .load(c)
                .await
        })
    }

    /// The catalog's spelling of a brand and model typed in any case; a new pair is added to
    /// the workshop's catalog.
    async fn remember(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        kind: VehicleKind,
        brand: &str,
        model: &str,
    ) -> QueryResult<(String, String)> {
        let known = Self::catalog(conn, workshop_id, Some(kind), None).await?;
        let same = |a: &str, b: &str| a.to_lowercase() == b.to_lowercase();
        let brand =
            known.iter().find(|m| same(&m.brand, brand)).map_or(brand.to_owned(), |m| m.brand.clone());
        if let Some(found) = known.iter().find(|m| same(&m.brand, &brand) && same(&m.model, model)) {
            return Ok((found.brand.clone(), found.model.clone()));
        }
        crate::run!(conn, |c| {
            diesel::insert_into(vehicle_models::table)
                .values((
                    vehicle_models::workshop_id.eq(workshop_id),
                    vehicle_models::kind.eq(kind),
                    vehicle_models::brand.eq(&brand),
                    vehicle_models::model.eq(model),
                ))
                .execute(c)
                .await
        })?;
        Ok((brand, model.to_owned()))
    }
}
