//! `bench`: loads synthetic customers (each with a vehicle) and reports p50/p99 of the customer
//! search for a plate fragment, a name fragment and a whole CPF.
//!
//! ```text
//! cargo run --release -p oficina_api --bin bench -- postgres 1000000   # BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres
//! cargo run --release -p oficina_api --bin bench -- sqlite 100000
//! ```
//! The Postgres run recreates the database `oficina_bench`; the SQLite run uses a temp file.

use std::time::{Duration, Instant};

use anyhow::Context;
use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl};
use oficina_domain::crm::Customer;
use oficina_domain::{Conn, Db};

const FIRST: [&str; 20] = [
    "Ana", "Bruno", "Carla", "Daniel", "Eduarda", "Felipe", "Gabriela", "Henrique", "Isabela", "João",
    "Karina", "Lucas", "Mariana", "Nelson", "Olivia", "Paulo", "Renata", "Sérgio", "Tatiane", "Vitor",
];
const LAST: [&str; 20] = [
    "Silva",
    "Santos",
    "Oliveira",
    "Souza",
    "Rodrigues",
    "Ferreira",
    "Alves",
    "Pereira",
    "Lima",
    "Gomes",
    "Costa",
    "Ribeiro",
    "Martins",
    "Carvalho",
    "Almeida",
    "Lopes",
    "Soares",
    "Fernandes",
    "Vieira",
    "Barbosa",
];
const SAMPLES: usize = 200;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let backend = args.next().unwrap_or_else(|| "sqlite".into());
    let count: i64 = match args.next() {
        Some(n) => n.parse().context("the second argument is the number of customers")?,
        None if backend == "postgres" => 1_000_000,
        None => 100_000,
    };
    let temp = std::env::temp_dir().join(format!("oficina-bench-{}.db", std::process::id()));
    let db = match backend.as_str() {
        "postgres" => {
            let admin = std::env::var("BENCH_DATABASE_URL")
                .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
            let mut conn = AsyncPgConnection::establish(&admin).await?;
            diesel::sql_query("DROP DATABASE IF EXISTS oficina_bench WITH (FORCE)")
                .execute(&mut conn)
                .await?;
            diesel::sql_query("CREATE DATABASE oficina_bench").execute(&mut conn).await?;
            let base = admin.rsplit_once('/').map(|(base, _)| base).unwrap_or(&admin);
            Db::postgres(&format!("{base}/oficina_bench"), 4)?
        }
        "sqlite" => Db::sqlite(&temp, 4)?,
        other => anyhow::bail!("backend must be postgres or sqlite, not {other}"),
    };
    db.migrate().await?;
    let started = Instant::now();
    let mut pooled = db.get().await?;
    load(&mut pooled.conn(), count).await?;
    println!(
        "{backend}: loaded {count} customers with a vehicle each in {:.1} s",
        started.elapsed().as_secs_f64()
    );

    let mut seed = 0x2545_f491_4f6c_dd1d_u64;
    let mut random = move |below: i64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        1 + (seed % below as u64) as i64
    };
    let plates: Vec<String> = (0..SAMPLES).map(|_| plate(random(count))[1..5].to_owned()).collect();
    let names: Vec<String> = (0..SAMPLES)
        .map(|i| LAST[i % LAST.len()][..4].to_lowercase() + " " + &FIRST[i % 7][..3].to_lowercase())
        .collect();
    let cpfs: Vec<String> = (0..SAMPLES)
        .map(|_| {
            let d = format!("{:011}", random(count));
            format!("{}.{}.{}-{}", &d[..3], &d[3..6], &d[6..9], &d[9..])
        })
        .collect();
    for (label, terms) in [("plate fragment", &plates), ("name fragment", &names), ("CPF", &cpfs)] {
        let mut timings = Vec::with_capacity(terms.len());
        for term in terms {
            let start = Instant::now();
            let page = Customer::search(&mut pooled.conn(), 1, Some(term), 20, None).await?;
            timings.push(start.elapsed());
            anyhow::ensure!(page.total > 0, "{label} {term:?} found nothing");
        }
        timings.sort();
        let at = |q: f64| timings[((timings.len() - 1) as f64 * q).round() as usize];
        println!("{backend} {count}: {label:<15} p50 {:>7} p99 {:>7}", ms(at(0.5)), ms(at(0.99)));
    }
    drop(pooled);
    let _ = std::fs::remove_file(&temp);
    Ok(())
}

fn ms(d: Duration) -> String {
    format!("{:.2}ms", d.as_secs_f64() * 1000.0)
}

/// The plate of synthetic customer `i`: a mixed-radix code in the Mercosul form, unique per `i`.
fn plate(i: i64) -> String {
    let letter = |n: i64| char::from(b'A' + (n % 26) as u8);
    format!(
        "{}{}{}{}{}{:02}",
        letter(i / 17_576_000),
        letter(i / 676_000),
        letter(i / 26_000),
        (i / 2_600) % 10,
        letter(i / 100),
        i % 100
    )
}

/// Inserts one workshop and `count` customers with a vehicle each, in set-based SQL per backend.
async fn load(conn: &mut Conn<'_>, count: i64) -> anyhow::Result<()> {
    let names = |list: &[&str]| {
        list.iter().enumerate().map(|(i, n)| format!("({i}, '{n}')")).collect::<Vec<_>>().join(", ")
    };
    let series = format!(
        "WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < {count}), \
         first_names(n, name) AS (VALUES {}), last_names(n, name) AS (VALUES {})",
        names(&FIRST),
        names(&LAST)
    );
    // The same plate code as `plate()`, in SQL.
    let letter = |div: i64| match conn {
        Conn::Postgres(_) => format!("chr((65 + (i / {div}) % 26)::int)"),
        Conn::Sqlite(_) => format!("char(65 + (i / {div}) % 26)"),
    };
    let digits = match conn {
        Conn::Postgres(_) => "lpad(i::text, 11, '0')".to_owned(),
        Conn::Sqlite(_) => "substr('00000000000' || i, -11, 11)".to_owned(),
    };
    let two = match conn {
        Conn::Postgres(_) => "lpad((i % 100)::text, 2, '0')".to_owned(),
        Conn::Sqlite(_) => "substr('0' || (i % 100), -2, 2)".to_owned(),
    };
    let plate = format!(
        "{} || {} || {} || ((i / 2600) % 10) || {} || {two}",
        letter(17_576_000),
        letter(676_000),
        letter(26_000),
        letter(100)
    );
    let now = "'2026-11-22 12:00:00'";
    let statements = [
        format!("INSERT INTO workshops (name, cnpj, created_at) VALUES ('Bench', '11222333000181', {now})"),
        format!(
            "INSERT INTO customers (workshop_id, kind, name, document, marketing_consent, search_text, sort_name, created_at, updated_at) \
             {series} SELECT 1, 'PERSON', f.name || ' ' || l.name, {digits}, false, \
             lower(f.name || ' ' || l.name) || ' ' || {digits} || ' ' || lower({plate}), lower(f.name || ' ' || l.name), {now}, {now} \
             FROM seq JOIN first_names f ON f.n = i % 20 JOIN last_names l ON l.n = (i / 20) % 20"
        ),
        format!(
            "INSERT INTO vehicles (workshop_id, customer_id, plate, kind, brand, model, year, created_at, updated_at) \
             SELECT 1, i, {plate}, 'CAR', 'Fiat', 'Argo', 2020, {now}, {now} FROM (SELECT id AS i FROM customers) AS c"
        ),
    ];
    for statement in statements {
        oficina_domain::run!(conn, |c| diesel::sql_query(statement).execute(c).await)?;
    }
    if let Conn::Postgres(c) = conn {
        diesel::sql_query("ANALYZE").execute(*c).await?;
    }
    Ok(())
}
