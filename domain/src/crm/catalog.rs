//! The catalog every database starts with: the 27 federative units and the vehicle brands and
//! models common in Brazil. Written once, in `catalog.json`; [`seed`] inserts what a database
//! lacks after every migration run, the same way on both backends.

use std::sync::LazyLock;

use diesel::prelude::*;
use serde::Deserialize;

use super::VehicleKind;
use crate::db::Conn;
use crate::schema::{states, vehicle_models};

/// The catalog file, embedded in the binary.
const CATALOG_JSON: &str = include_str!("catalog.json");

#[derive(Deserialize)]
#[serde(bound(deserialize = "'de: 'static"))]
struct Catalog {
    /// UF code and name, in the order the `states` query lists them.
    states: Vec<(&'static str, &'static str)>,
    models: Vec<BrandModels>,
}

/// One brand's models of one vehicle kind.
#[derive(Deserialize)]
struct BrandModels {
    /// As [`VehicleKind`] stores it.
    kind: &'static str,
    brand: &'static str,
    models: Vec<&'static str>,
}

static CATALOG: LazyLock<Catalog> = LazyLock::new(|| {
    serde_json::from_str(CATALOG_JSON).expect("catalog.json is valid (a unit test reads it)")
});

/// The 27 federative units (UF code and name); the `states` table holds the same rows.
pub static STATES: LazyLock<&'static [(&'static str, &'static str)]> = LazyLock::new(|| &CATALOG.states);

/// The kind of the catalog's `brand` `model`, when the catalog has them (spelled as it does).
pub(crate) fn kind_of(brand: &str, model: &str) -> Option<VehicleKind> {
    CATALOG
        .models
        .iter()
        .find(|group| group.brand == brand && group.models.contains(&model))
        .and_then(|group| VehicleKind::parse(group.kind))
}

/// Inserts the catalog's states and models that the database does not have yet, in two
/// statements; rows already there, or added by a concurrent node, are left alone.
pub async fn seed(conn: &mut Conn<'_>) -> QueryResult<()> {
    let state_rows: Vec<_> =
        STATES.iter().map(|(code, name)| (states::code.eq(*code), states::name.eq(*name))).collect();
    let model_rows: Vec<_> = CATALOG
        .models
        .iter()
        .flat_map(|group| {
            group.models.iter().map(|model| {
                (
                    vehicle_models::kind.eq(group.kind),
                    vehicle_models::brand.eq(group.brand),
                    vehicle_models::model.eq(*model),
                )
            })
        })
        .collect();
    let insert_states = diesel::insert_into(states::table).values(state_rows).on_conflict_do_nothing();
    let insert_models =
        diesel::insert_into(vehicle_models::table).values(model_rows).on_conflict_do_nothing();
    match conn {
        Conn::Postgres(c) => {
            diesel_async::RunQueryDsl::execute(insert_states, c).await?;
            diesel_async::RunQueryDsl::execute(insert_models, c).await?;
        }
        // diesel-async cannot send a multi-row INSERT … ON CONFLICT to SQLite; diesel can, on the
        // connection it wraps.
        Conn::Sqlite(c) => {
            c.spawn_blocking(move |c| {
                diesel::RunQueryDsl::execute(insert_states, c)?;
                diesel::RunQueryDsl::execute(insert_models, c)
            })
            .await?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::{CATALOG, STATES, VehicleKind};

    #[test]
    fn the_catalog_has_the_27_states_and_no_repeated_model() {
        assert_eq!(STATES.len(), 27);
        assert_eq!(STATES.iter().map(|(code, _)| code).collect::<HashSet<_>>().len(), 27);
        let mut seen = HashSet::new();
        for group in &CATALOG.models {
            assert!(VehicleKind::parse(group.kind).is_some(), "{}", group.kind);
            for model in &group.models {
                let key = (group.kind, group.brand.to_lowercase(), model.to_lowercase());
                assert!(seen.insert(key), "{} {} {model} is listed twice", group.kind, group.brand);
            }
        }
        assert!(seen.len() > 100, "{} models", seen.len());
    }
}
