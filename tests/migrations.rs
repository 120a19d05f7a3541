//! The migrations: the PostgreSQL and SQLite folders build the same tables and columns, and the
//! catalog (states, vehicle brands and models) is seeded by the domain after migrating, on both.

use std::collections::{BTreeMap, BTreeSet};

use diesel::prelude::*;
use diesel::sql_types::{Bool, Text};
use diesel_async::RunQueryDsl;
use oficina_domain::schema::{states, vehicle_models};
use oficina_domain::{Conn, Db};

use crate::helpers::{TestApp, TestDatabase};

/// Tables only SQLite has: its AUTOINCREMENT bookkeeping, and the FTS5 indexes of the customer,
/// product and service searches with their shadow tables (PostgreSQL searches with a pg_trgm index instead). Objects of
/// PostgreSQL extensions are left out by the query itself.
const SQLITE_ONLY: &[&str] = &[
    "sqlite_sequence",
    "customers_search",
    "customers_search_config",
    "customers_search_data",
    "customers_search_docsize",
    "customers_search_idx",
    "products_search",
    "products_search_config",
    "products_search_data",
    "products_search_docsize",
    "products_search_idx",
    "services_search",
    "services_search_config",
    "services_search_data",
    "services_search_docsize",
    "services_search_idx",
];

/// Every column of every table in `public`, except those of extensions.
const POSTGRES_COLUMNS: &str = "SELECT c.relname::text AS table_name, a.attname::text AS column_name, \
    format_type(a.atttypid, a.atttypmod) AS data_type, a.attnotnull AS not_null, FALSE AS primary_key \
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped \
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT EXISTS (SELECT 1 FROM pg_depend d \
    WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')";

/// Every column of every table, virtual and shadow tables included.
const SQLITE_COLUMNS: &str = "SELECT m.name AS table_name, p.name AS column_name, p.type AS data_type, \
    p.\"notnull\" <> 0 AS not_null, p.pk > 0 AS primary_key \
    FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table'";

#[derive(QueryableByName)]
struct ColumnRow {
    #[diesel(sql_type = Text)]
    table_name: String,
    #[diesel(sql_type = Text)]
    column_name: String,
    #[diesel(sql_type = Text)]
    data_type: String,
    #[diesel(sql_type = Bool)]
    not_null: bool,
    #[diesel(sql_type = Bool)]
    primary_key: bool,
}

/// Table → column → (kind, NOT NULL), the kind named the same on both backends.
type Tables = BTreeMap<String, BTreeMap<String, (&'static str, bool)>>;

/// The kind of a PostgreSQL type.
fn postgres_kind(data_type: &str) -> &'static str {
    match data_type {
        "bigint" => "int8",
        "integer" => "int4",
        "smallint" => "int2",
        "boolean" => "bool",
        "date" => "date",
        "bytea" => "binary",
        "text" | "json" | "jsonb" => "text",
        t if t.starts_with("character varying") => "text",
        t if t.starts_with("timestamp") => "timestamp",
        _ => "unmapped PostgreSQL type",
    }
}

/// The kind of a SQLite declared type; an `INTEGER PRIMARY KEY` is the 64-bit rowid. (A primary
/// key of another type may hold NULL in SQLite: it needs its own `NOT NULL` to match PostgreSQL.)
fn sqlite_kind(declared: &str, primary_key: bool) -> &'static str {
    match declared.to_uppercase().as_str() {
        "INTEGER" if primary_key => "int8",
        "BIGINT" => "int8",
        "INTEGER" | "INT" => "int4",
        "SMALLINT" => "int2",
        "BOOLEAN" => "bool",
        "DATE" => "date",
        "BLOB" => "binary",
        "TEXT" => "text",
        t if t.starts_with("VARCHAR") => "text",
        "TIMESTAMP" | "DATETIME" => "timestamp",
        _ => "unmapped SQLite type",
    }
}

async fn tables(db: &Db) -> Tables {
    let mut pooled = db.get().await.unwrap();
    let rows: Vec<(&'static str, ColumnRow)> = match pooled.conn() {
        Conn::Postgres(c) => {
            let rows: Vec<ColumnRow> = diesel::sql_query(POSTGRES_COLUMNS).load(c).await.unwrap();
            rows.into_iter().map(|r| (postgres_kind(&r.data_type), r)).collect()
        }
        Conn::Sqlite(c) => {
            let rows: Vec<ColumnRow> = diesel::sql_query(SQLITE_COLUMNS).load(c).await.unwrap();
            rows.into_iter().map(|r| (sqlite_kind(&r.data_type, r.primary_key), r)).collect()
        }
    };
    let mut tables = Tables::new();
    for (kind, row) in rows {
        tables.entry(row.table_name).or_default().insert(row.column_name, (kind, row.not_null));
    }
    tables
}

#[tokio::test(flavor = "multi_thread")]
async fn postgres_and_sqlite_migrations_build_the_same_tables_and_columns() {
    // It needs both backends, so it runs in the PostgreSQL pass (which CI requires) and is skipped
    // in the SQLite pass, where `cargo xtask test` leaves TEST_DATABASE_URL unset.
    if std::env::var("TEST_DATABASE_URL").is_err() {
        eprintln!("skipped: TEST_DATABASE_URL is not set (this test runs in the PostgreSQL pass)");
        return;
    }
    let database = TestDatabase::create().await;
    let TestDatabase::Postgres { url, .. } = &database else {
        unreachable!("TEST_DATABASE_URL makes a PostgreSQL database")
    };
    let postgres = Db::postgres(url, 1).unwrap();
    postgres.migrate().await.unwrap();
    let dir = tempfile::TempDir::new().unwrap();
    let sqlite = Db::sqlite(&dir.path().join("oficina.db"), 1).unwrap();
    sqlite.migrate().await.unwrap();

    let postgres = tables(&postgres).await;
    let mut sqlite = tables(&sqlite).await;
    for table in SQLITE_ONLY {
        assert!(sqlite.remove(*table).is_some(), "{table} is no longer in SQLite: drop it from SQLITE_ONLY");
    }
    assert!(postgres.contains_key("customers") && postgres.contains_key("__diesel_schema_migrations"));
    let names = |tables: &Tables| tables.keys().cloned().collect::<BTreeSet<_>>();
    assert_eq!(names(&postgres), names(&sqlite), "the same tables on both backends");
    let mut drift = Vec::new();
    for (table, columns) in &postgres {
        if columns != &sqlite[table] {
            drift.push(format!("{table}:\n  postgres {columns:?}\n  sqlite   {:?}", sqlite[table]));
        }
    }
    assert!(drift.is_empty(), "columns differ (kind, NOT NULL):\n{}", drift.join("\n"));
}

async fn catalog_counts(db: &Db) -> (i64, i64) {
    let mut pooled = db.get().await.unwrap();
    oficina_domain::run!(&mut pooled.conn(), |c| {
        let states = states::table.count().get_result(c).await.unwrap();
        let models = vehicle_models::table
            .filter(vehicle_models::workshop_id.is_null())
            .count()
            .get_result(c)
            .await
            .unwrap();
        (states, models)
    })
}

#[tokio::test(flavor = "multi_thread")]
async fn the_catalog_is_seeded_from_one_file_and_missing_rows_come_back() {
    let app = TestApp::spawn().await;
    let db = &app.state.db;
    let mut pooled = db.get().await.unwrap();
    let stored: Vec<(String, String)> = oficina_domain::run!(&mut pooled.conn(), |c| {
        states::table.order(states::code).select((states::code, states::name)).load(c).await
    })
    .unwrap();
    let mut expected: Vec<(String, String)> =
        oficina_domain::crm::STATES.iter().map(|(code, name)| ((*code).into(), (*name).into())).collect();
    expected.sort();
    assert_eq!(stored, expected, "the states table holds the catalog's 27 UFs");
    let seeded = catalog_counts(db).await;
    assert!(seeded.1 > 100, "{} catalog models", seeded.1);

    oficina_domain::run!(&mut pooled.conn(), |c| {
        diesel::delete(states::table.filter(states::code.eq("TO"))).execute(c).await.unwrap();
        diesel::delete(vehicle_models::table.filter(vehicle_models::model.eq("Argo")))
            .execute(c)
            .await
            .unwrap();
    });
    assert_eq!(catalog_counts(db).await, (seeded.0 - 1, seeded.1 - 1));
    db.migrate().await.unwrap();
    assert_eq!(
        catalog_counts(db).await,
        seeded,
        "migrating again restores what is missing, adds nothing else"
    );
}
