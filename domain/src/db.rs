//! One database handle over both backends: PostgreSQL (production) and SQLite (embedded default).
//!
//! Query code is written once and expanded for each backend by [`run!`](crate::run); the few places
//! where the backends really differ match on [`Conn`] and write both versions side by side.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use diesel::connection::{Instrumentation, InstrumentationEvent};
use diesel::{Connection, SqliteConnection};
use diesel_async::async_connection_wrapper::AsyncConnectionWrapper;
use diesel_async::pooled_connection::deadpool::{Object, Pool};
use diesel_async::pooled_connection::{AsyncDieselConnectionManager, ManagerConfig, RecyclingMethod};
use diesel_async::sync_connection_wrapper::SyncConnectionWrapper;
use diesel_async::{AsyncConnection, AsyncPgConnection, SimpleAsyncConnection};
use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};
use futures_util::FutureExt;
use futures_util::future::BoxFuture;

const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("../migrations/postgres");
const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("../migrations/sqlite");

/// Pragmas every SQLite connection gets: waiting (not failing) on a busy database, concurrent
/// readers beside one writer, and enforced foreign keys. The busy timeout comes first: setting
/// the journal mode waits for a writer of another connection (or pool) to finish.
const SQLITE_PRAGMAS: &str = "PRAGMA busy_timeout = 10000; PRAGMA journal_mode = WAL; \
     PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;";

/// The SQLite connection, made async by running each query on tokio's blocking pool.
pub type SqliteConn = SyncConnectionWrapper<SqliteConnection>;

/// Failures to open the database or bring its schema up to date.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("cannot build the connection pool: {0}")]
    Pool(String),
    #[error("cannot get a database connection: {0}")]
    Checkout(String),
    #[error("cannot run migrations: {0}")]
    Migrations(String),
}

/// A pool of connections to either backend, cheap to clone.
#[derive(Clone)]
pub struct Db {
    pool: Backend,
    queries: Arc<AtomicU64>,
}

#[derive(Clone)]
enum Backend {
    Postgres(Pool<AsyncPgConnection>, String),
    Sqlite(Pool<SqliteConn>, String),
}

/// A connection checked out of the pool; [`PooledConn::conn`] borrows it for domain calls.
#[expect(
    clippy::large_enum_variant,
    reason = "a checkout lives on the stack for one request; boxing would allocate on every checkout"
)]
pub enum PooledConn {
    Postgres(Object<AsyncPgConnection>),
    Sqlite(Object<SqliteConn>),
}

/// A borrowed connection of either backend: what every domain query takes.
pub enum Conn<'a> {
    Postgres(&'a mut AsyncPgConnection),
    Sqlite(&'a mut SqliteConn),
}

/// Expands one query body for each backend: `run!(conn, |c| query.load(c).await)`.
#[macro_export]
macro_rules! run {
    ($conn:expr, |$c:ident| $body:expr) => {
        match $conn {
            $crate::db::Conn::Postgres($c) => {
                let $c: &mut ::diesel_async::AsyncPgConnection = &mut **$c;
                $body
            }
            $crate::db::Conn::Sqlite($c) => {
                let $c: &mut $crate::db::SqliteConn = &mut **$c;
                $body
            }
        }
    };
}

impl Db {
    /// A pool of PostgreSQL connections to `url`.
    pub fn postgres(url: &str, max_size: usize) -> Result<Self, DbError> {
        let queries = Arc::new(AtomicU64::new(0));
        let counter = queries.clone();
        let mut config = ManagerConfig::<AsyncPgConnection>::default();
        // A checkout costs no round-trip: a broken connection is dropped when it fails.
        config.recycling_method = RecyclingMethod::Fast;
        config.custom_setup = Box::new(move |url| {
            let counter = counter.clone();
            async move {
                let mut conn = AsyncPgConnection::establish(url).await?;
                conn.set_instrumentation(QueryCounter(counter));
                Ok(conn)
            }
            .boxed()
        });
        let manager = AsyncDieselConnectionManager::new_with_config(url, config);
        let pool =
            Pool::builder(manager).max_size(max_size).build().map_err(|e| DbError::Pool(e.to_string()))?;
        Ok(Self { pool: Backend::Postgres(pool, url.to_owned()), queries })
    }

    /// A pool of connections to the SQLite file at `path` (created when missing).
    pub fn sqlite(path: &Path, max_size: usize) -> Result<Self, DbError> {
        let queries = Arc::new(AtomicU64::new(0));
        let counter = queries.clone();
        let url = path.to_string_lossy().into_owned();
        let mut config = ManagerConfig::<SqliteConn>::default();
        // A checkout costs no round-trip: a broken connection is dropped when it fails.
        config.recycling_method = RecyclingMethod::Fast;
        config.custom_setup = Box::new(move |url| {
            let counter = counter.clone();
            async move {
                let mut conn = SqliteConn::establish(url).await?;
                conn.batch_execute(SQLITE_PRAGMAS)
                    .await
                    .map_err(diesel::ConnectionError::CouldntSetupConfiguration)?;
                conn.set_instrumentation(QueryCounter(counter));
                Ok(conn)
            }
            .boxed()
        });
        let manager = AsyncDieselConnectionManager::new_with_config(&url, config);
        let pool =
            Pool::builder(manager).max_size(max_size).build().map_err(|e| DbError::Pool(e.to_string()))?;
        Ok(Self { pool: Backend::Sqlite(pool, url), queries })
    }

    /// Which backend this is, for logs: `postgres` or `sqlite`.
    pub fn backend_name(&self) -> &'static str {
        match self.pool {
            Backend::Postgres(..) => "postgres",
            Backend::Sqlite(..) => "sqlite",
        }
    }

    /// Checks a connection out of the pool.
    pub async fn get(&self) -> Result<PooledConn, DbError> {
        match &self.pool {
            Backend::Postgres(pool, _) => pool.get().await.map(PooledConn::Postgres),
            Backend::Sqlite(pool, _) => pool.get().await.map(PooledConn::Sqlite),
        }
        .map_err(|e| DbError::Checkout(e.to_string()))
    }

    /// Brings the schema up to date with the migrations embedded in the binary, then inserts the
    /// catalog rows (states, vehicle brands and models) the database lacks.
    pub async fn migrate(&self) -> Result<(), DbError> {
        self.run_migrations().await?;
        let mut pooled = self.get().await?;
        crate::crm::catalog::seed(&mut pooled.conn())
            .await
            .map_err(|e| DbError::Migrations(format!("cannot seed the catalog: {e}")))
    }

    async fn run_migrations(&self) -> Result<(), DbError> {
        let result = match &self.pool {
            Backend::Postgres(_, url) => {
                let url = url.clone();
                tokio::task::spawn_blocking(move || {
                    let mut conn = <AsyncConnectionWrapper<AsyncPgConnection> as Connection>::establish(&url)
                        .map_err(|e| e.to_string())?;
                    conn.run_pending_migrations(POSTGRES_MIGRATIONS).map(|_| ()).map_err(|e| e.to_string())
                })
                .await
            }
            Backend::Sqlite(_, url) => {
                let url = url.clone();
                tokio::task::spawn_blocking(move || {
                    let mut conn = SqliteConnection::establish(&url).map_err(|e| e.to_string())?;
                    // Another node (or this node's worker) may be writing: wait for it.
                    diesel::connection::SimpleConnection::batch_execute(&mut conn, SQLITE_PRAGMAS)
                        .map_err(|e| e.to_string())?;
                    conn.run_pending_migrations(SQLITE_MIGRATIONS).map(|_| ()).map_err(|e| e.to_string())
                })
                .await
            }
        };
        result.map_err(|e| DbError::Migrations(e.to_string()))?.map_err(DbError::Migrations)
    }

    /// How many SQL statements this pool's connections have run: tests assert per-request
    /// query counts with it (no N+1).
    pub fn query_count(&self) -> u64 {
        self.queries.load(Ordering::Relaxed)
    }
}

impl PooledConn {
    /// Borrows the pooled connection for domain calls.
    pub fn conn(&mut self) -> Conn<'_> {
        match self {
            PooledConn::Postgres(c) => Conn::Postgres(c),
            PooledConn::Sqlite(c) => Conn::Sqlite(c),
        }
    }
}

impl Conn<'_> {
    /// Runs `f` in a transaction: committed when it returns `Ok`, rolled back otherwise.
    /// SQLite takes the write lock up front (`BEGIN IMMEDIATE`) so concurrent writers wait
    /// instead of failing halfway.
    pub async fn transaction<R, E, F>(&mut self, f: F) -> Result<R, E>
    where
        F: for<'r, 'c> FnOnce(&'r mut Conn<'c>) -> BoxFuture<'r, Result<R, E>> + Send,
        E: From<diesel::result::Error> + Send,
        R: Send,
    {
        match self {
            Conn::Postgres(c) => c.transaction(async move |c| f(&mut Conn::Postgres(c)).await).await,
            Conn::Sqlite(c) => c.immediate_transaction(async move |c| f(&mut Conn::Sqlite(c)).await).await,
        }
    }
}

/// Counts every statement a connection starts.
struct QueryCounter(Arc<AtomicU64>);

impl Instrumentation for QueryCounter {
    fn on_connection_event(&mut self, event: InstrumentationEvent<'_>) {
        if let InstrumentationEvent::StartQuery { .. } = event {
            self.0.fetch_add(1, Ordering::Relaxed);
        }
    }
}
