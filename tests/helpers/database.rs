//! One database per test: a SQLite file in a temp dir, or (with `TEST_DATABASE_URL`) a Postgres
//! database cloned from a template migrated once per test process, dropped when the test ends.
//! Each process has a template of its own (named by its pid), so test runs of different
//! checkouts on one server never drop each other's; the templates of ended processes are removed.

use std::sync::Arc;

use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl};
use oficina_domain::Db;
use tempfile::TempDir;
use tokio::sync::OnceCell;

/// The start of a template's name; the test process's id follows.
const TEMPLATE_PREFIX: &str = "oficina_template_";

/// A test's database; dropping the owner removes it.
pub enum TestDatabase {
    Sqlite {
        dir: Arc<TempDir>,
    },
    Postgres {
        url: String,
        name: String,
        admin_url: String,
        data_dir: Arc<TempDir>,
    },
    /// Another node's handle on a database owned elsewhere.
    Shared(Box<TestDatabase>),
}

/// This process's template database, migrated once.
static TEMPLATE: OnceCell<String> = OnceCell::const_new();

impl TestDatabase {
    pub async fn create() -> TestDatabase {
        match std::env::var("TEST_DATABASE_URL") {
            Ok(admin_url) => Self::postgres(admin_url).await,
            Err(_) => TestDatabase::Sqlite { dir: Arc::new(TempDir::new().unwrap()) },
        }
    }

    async fn postgres(admin_url: String) -> TestDatabase {
        let template = TEMPLATE
            .get_or_init(|| async {
                remove_stale_templates(&admin_url).await;
                let template = format!("{TEMPLATE_PREFIX}{}", std::process::id());
                execute(&admin_url, &format!("DROP DATABASE IF EXISTS {template} WITH (FORCE)")).await;
                execute(&admin_url, &format!("CREATE DATABASE {template}")).await;
                let db = Db::postgres(&with_database(&admin_url, &template), 1).unwrap();
                db.migrate().await.expect("template migrates");
                template
            })
            .await;
        let name = format!("oficina_t_{}", random_suffix());
        execute(&admin_url, &format!("CREATE DATABASE {name} TEMPLATE {template}")).await;
        TestDatabase::Postgres {
            url: with_database(&admin_url, &name),
            name,
            admin_url,
            data_dir: Arc::new(TempDir::new().unwrap()),
        }
    }

    /// A handle for another node on the same database.
    pub fn share(&self) -> TestDatabase {
        let inner = match self {
            TestDatabase::Sqlite { dir } => TestDatabase::Sqlite { dir: dir.clone() },
            TestDatabase::Postgres { url, data_dir, .. } => TestDatabase::Postgres {
                url: url.clone(),
                name: String::new(),
                admin_url: String::new(),
                data_dir: data_dir.clone(),
            },
            TestDatabase::Shared(inner) => return inner.share(),
        };
        TestDatabase::Shared(Box::new(inner))
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        if let TestDatabase::Postgres { name, admin_url, .. } = self {
            if name.is_empty() {
                return;
            }
            let (name, admin_url) = (name.clone(), admin_url.clone());
            // Drop runs inside the test's runtime: do the async work on a thread of its own.
            std::thread::spawn(move || {
                tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .unwrap()
                    .block_on(execute(&admin_url, &format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")))
            })
            .join()
            .unwrap();
        }
    }
}

/// Drops the templates of test processes that have ended.
async fn remove_stale_templates(admin_url: &str) {
    #[derive(diesel::QueryableByName)]
    struct Database {
        #[diesel(sql_type = diesel::sql_types::Text)]
        datname: String,
    }
    let mut conn = AsyncPgConnection::establish(admin_url).await.expect("TEST_DATABASE_URL connects");
    let templates: Vec<Database> =
        diesel::sql_query(format!("SELECT datname FROM pg_database WHERE datname LIKE '{TEMPLATE_PREFIX}%'"))
            .load(&mut conn)
            .await
            .expect("list the test templates");
    for Database { datname } in templates {
        let pid = datname.trim_start_matches(TEMPLATE_PREFIX);
        if !std::path::Path::new("/proc").join(pid).exists() {
            execute(admin_url, &format!("DROP DATABASE IF EXISTS {datname} WITH (FORCE)")).await;
        }
    }
}

async fn execute(admin_url: &str, sql: &str) {
    let mut conn = AsyncPgConnection::establish(admin_url).await.expect("TEST_DATABASE_URL connects");
    diesel::sql_query(sql).execute(&mut conn).await.unwrap_or_else(|e| panic!("{sql}: {e}"));
}

/// `url` with its database name replaced.
fn with_database(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((base, query)) => (base, format!("?{query}")),
        None => (url, String::new()),
    };
    let scheme_end = base.find("://").map(|i| i + 3).unwrap_or(0);
    let path_start = base[scheme_end..].find('/').map(|i| scheme_end + i).unwrap_or(base.len());
    format!("{}/{name}{query}", &base[..path_start])
}

fn random_suffix() -> String {
    use std::hash::{BuildHasher, Hasher};
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u128(std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos());
    format!("{:016x}", hasher.finish())
}
