//! Vehicles: created for a customer, edited, moved to another customer (a sold car keeps its history).

use chrono::{Datelike, Utc};
use diesel::prelude::*;
use diesel_async::RunQueryDsl;

use super::events::{VEHICLE_CREATED, VEHICLE_TRANSFERRED, VEHICLE_UPDATED, VehicleSnapshot};
use super::models::{Customer, Fuel, Vehicle, VehicleKind, VehicleModel};
use crate::audit::{Actor, Committed, NewEvent, changes};
use crate::db::Conn;
use crate::error::{DomainError, on_unique_violation};
use crate::message::Message;
use crate::schema::{vehicle_models, vehicles};
use crate::types::{Plate, Text};

const PLATE_TAKEN: Message = Message::new(
    "Já existe um veículo com esta placa nesta oficina.",
    "A vehicle with this plate exists already in this workshop.",
);

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

/// A validated form.
struct ValidVehicle {
    customer_id: i64,
    plate: Plate,
    kind: VehicleKind,
    brand: Text,
    model: Text,
    year: i32,
    fuel: Option<Fuel>,
    doors: Option<i32>,
    color: Option<Text>,
    odometer_km: Option<i64>,
}

impl VehicleInput {
    /// Checks every field; the error names the first wrong one.
    fn validate(self) -> Result<ValidVehicle, DomainError> {
        let plate = Plate::parse(&self.plate).map_err(DomainError::invalid_at("plate"))?;
        let brand = Text::required(&self.brand, 60, Message::new("Informe a marca.", "Enter the brand."))
            .map_err(DomainError::invalid_at("brand"))?;
        let model = Text::required(&self.model, 60, Message::new("Informe o modelo.", "Enter the model."))
            .map_err(DomainError::invalid_at("model"))?;
        let next_year = Utc::now().year() + 1;
        if !(1950..=next_year).contains(&self.year) {
            return Err(DomainError::invalid(
                "year",
                Message::owned(
                    format!("O ano deve estar entre 1950 e {next_year}."),
                    format!("The year must be between 1950 and {next_year}."),
                ),
            ));
        }
        if self.doors.is_some_and(|d| !(0..=6).contains(&d)) {
            return Err(DomainError::invalid(
                "doors",
                Message::new(
                    "O número de portas deve estar entre 0 e 6.",
                    "The number of doors must be between 0 and 6.",
                ),
            ));
        }
        if self.odometer_km.is_some_and(|km| !(0..=3_000_000).contains(&km)) {
            return Err(DomainError::invalid(
                "odometerKm",
                Message::new(
                    "A quilometragem deve estar entre 0 e 3.000.000 km.",
                    "The odometer must be between 0 and 3,000,000 km.",
                ),
            ));
        }
        let color = Text::optional(self.color.as_deref(), 60).map_err(DomainError::invalid_at("color"))?;
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

impl ValidVehicle {
    /// The owner must be a customer of the same workshop (any other id is NOT_FOUND), and the
    /// plate may belong to no other vehicle of the workshop than `id`.
    async fn check(&self, conn: &mut Conn<'_>, workshop_id: i64, id: Option<i64>) -> Result<(), DomainError> {
        Customer::find(conn, workshop_id, self.customer_id).await?.ok_or(DomainError::NotFound)?;
        match Vehicle::find_by_plate(conn, workshop_id, &self.plate).await? {
            Some(other) if Some(other.id) != id => Err(DomainError::conflict("plate", PLATE_TAKEN)),
            _ => Ok(()),
        }
    }
}

impl Vehicle {
    /// The vehicles `ids` of `workshop_id`, in one query.
    pub async fn many(conn: &mut Conn<'_>, workshop_id: i64, ids: &[i64]) -> QueryResult<Vec<Vehicle>> {
        crate::run!(conn, |c| {
            vehicles::table
                .filter(vehicles::workshop_id.eq(workshop_id))
                .filter(vehicles::id.eq_any(ids))
                .select(Vehicle::as_select())
                .load(c)
                .await
        })
    }

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

    /// The vehicle `id` of `workshop_id` that a command is about to change, locked until its
    /// transaction ends; NOT_FOUND for any other id.
    async fn lock(conn: &mut Conn<'_>, workshop_id: i64, id: i64) -> Result<Vehicle, DomainError> {
        let locked = crate::first_for_update!(
            conn,
            vehicles::table
                .filter(vehicles::workshop_id.eq(workshop_id))
                .filter(vehicles::id.eq(id))
                .select(Vehicle::as_select())
        )?;
        locked.ok_or(DomainError::NotFound)
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
        let actor = actor.clone();
        Committed::run(conn, move |tx| {
            Box::pin(async move {
                valid.check(tx, workshop_id, None).await?;
                let (brand, model) = VehicleModel::remember(tx, workshop_id, &valid).await?;
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
                            vehicles::color.eq(valid.color.as_ref().map(Text::as_str)),
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
                let event = NewEvent::new(VEHICLE_CREATED, workshop_id, vehicle.id)
                    .by(&actor)
                    .with(&VehicleSnapshot::from(&vehicle));
                Ok((vehicle, vec![event]))
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
        let actor = actor.clone();
        Committed::run(conn, move |tx| {
            Box::pin(async move {
                let before = Self::lock(tx, workshop_id, id).await?;
                valid.check(tx, workshop_id, Some(id)).await?;
                let (brand, model) = VehicleModel::remember(tx, workshop_id, &valid).await?;
                let vehicle: Vehicle = crate::run!(tx, |c| {
                    diesel::update(vehicles::table.find(id).filter(vehicles::workshop_id.eq(workshop_id)))
                        .set((
                            vehicles::customer_id.eq(valid.customer_id),
                            vehicles::plate.eq(valid.plate.as_str()),
                            vehicles::kind.eq(valid.kind),
                            vehicles::brand.eq(&brand),
                            vehicles::model.eq(&model),
                            vehicles::year.eq(valid.year),
                            vehicles::fuel.eq(valid.fuel),
                            vehicles::doors.eq(valid.doors),
                            vehicles::color.eq(valid.color.as_ref().map(Text::as_str)),
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
                let kind = if transferred { VEHICLE_TRANSFERRED } else { VEHICLE_UPDATED };
                let event = NewEvent::new(kind, workshop_id, id)
                    .by(&actor)
                    .with(&changes(&VehicleSnapshot::from(&before), &VehicleSnapshot::from(&vehicle)));
                Ok((vehicle, vec![event]))
            })
        })
        .await
    }
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
        vehicle: &ValidVehicle,
    ) -> QueryResult<(String, String)> {
        let (kind, brand, model) = (vehicle.kind, vehicle.brand.as_str(), vehicle.model.as_str());
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
