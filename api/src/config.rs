//! Configuration from the environment (and an optional `.env`), typed, with errors that name the variable.

use std::net::SocketAddr;
use std::path::PathBuf;

/// Where the data lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DatabaseConfig {
    /// The embedded default: a SQLite file.
    Sqlite(PathBuf),
    /// Production: a PostgreSQL URL.
    Postgres(String),
}

/// Everything `oficina` reads from its environment.
#[derive(Debug, Clone)]
pub struct Config {
    /// `OFICINA_ADDR`, default 127.0.0.1:8080.
    pub addr: SocketAddr,
    /// `OFICINA_DATA_DIR`, default ./data: the SQLite file and the log mailer's output.
    pub data_dir: PathBuf,
    /// `DATABASE_URL`: `postgres://…` switches to PostgreSQL; unset means `<data dir>/oficina.db`.
    pub database: DatabaseConfig,
    /// `REDIS_URL`: switches the event bus and the rate limits to Redis.
    pub redis_url: Option<String>,
    /// `OFICINA_REDIS_NAMESPACE`, default `oficina`: prefix of Redis channels and keys, so
    /// installations (or test runs) sharing one Redis stay apart.
    pub redis_namespace: String,
    /// `OFICINA_DEMO`, default 1: seed a demo workshop into an empty database.
    pub demo: bool,
    /// `OFICINA_WEB_DIR`: serve the SPA from this folder instead of the copy built into the binary.
    pub web_dir: Option<PathBuf>,
}

/// A variable that is set but wrong.
#[derive(Debug, thiserror::Error)]
#[error("{variable}: {message}")]
pub struct ConfigError {
    pub variable: &'static str,
    pub message: String,
}

impl Config {
    /// Reads the process environment, after loading `.env` if there is one.
    pub fn from_env() -> Result<Self, ConfigError> {
        let _ = dotenvy::dotenv();
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Reads configuration through `lookup` (the environment, or a map in tests).
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let var = |name: &str| lookup(name).filter(|v| !v.trim().is_empty());
        let addr = match var("OFICINA_ADDR") {
            Some(text) => text.trim().parse().map_err(|_| ConfigError {
                variable: "OFICINA_ADDR",
                message: format!("expected an address like 127.0.0.1:8080, got {text:?}"),
            })?,
            None => SocketAddr::from(([127, 0, 0, 1], 8080)),
        };
        let data_dir = PathBuf::from(var("OFICINA_DATA_DIR").unwrap_or_else(|| "data".into()));
        let database = match var("DATABASE_URL") {
            Some(url) if url.starts_with("postgres://") || url.starts_with("postgresql://") => {
                DatabaseConfig::Postgres(url)
            }
            Some(url) if url.starts_with("sqlite://") => {
                DatabaseConfig::Sqlite(PathBuf::from(&url["sqlite://".len()..]))
            }
            Some(url) => {
                return Err(ConfigError {
                    variable: "DATABASE_URL",
                    message: format!("expected postgres://… or sqlite://<file>, got {url:?}"),
                });
            }
            None => DatabaseConfig::Sqlite(data_dir.join("oficina.db")),
        };
        let redis_url = match var("REDIS_URL") {
            Some(url) if url.starts_with("redis://") || url.starts_with("rediss://") => Some(url),
            Some(url) => {
                return Err(ConfigError {
                    variable: "REDIS_URL",
                    message: format!("expected redis://…, got {url:?}"),
                });
            }
            None => None,
        };
        let demo = match var("OFICINA_DEMO").as_deref().map(str::trim) {
            None | Some("1") | Some("true") => true,
            Some("0") | Some("false") => false,
            Some(other) => {
                return Err(ConfigError {
                    variable: "OFICINA_DEMO",
                    message: format!("expected 1 or 0, got {other:?}"),
                });
            }
        };
        Ok(Self {
            addr,
            data_dir,
            database,
            redis_url,
            redis_namespace: var("OFICINA_REDIS_NAMESPACE").unwrap_or_else(|| "oficina".into()),
            demo,
            web_dir: var("OFICINA_WEB_DIR").map(PathBuf::from),
        })
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    fn config(vars: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let map: HashMap<String, String> = vars.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        Config::from_lookup(|name| map.get(name).cloned())
    }

    #[test]
    fn defaults_to_the_embedded_setup() {
        let config = config(&[]).unwrap();
        assert_eq!(config.addr.to_string(), "127.0.0.1:8080");
        assert_eq!(config.database, DatabaseConfig::Sqlite(PathBuf::from("data/oficina.db")));
        assert!(config.redis_url.is_none());
        assert!(config.demo);
    }

    #[test]
    fn errors_name_the_variable() {
        assert_eq!(config(&[("OFICINA_ADDR", "nowhere")]).unwrap_err().variable, "OFICINA_ADDR");
        assert_eq!(config(&[("DATABASE_URL", "mysql://x")]).unwrap_err().variable, "DATABASE_URL");
        assert_eq!(config(&[("REDIS_URL", "http://x")]).unwrap_err().variable, "REDIS_URL");
        assert_eq!(config(&[("OFICINA_DEMO", "maybe")]).unwrap_err().variable, "OFICINA_DEMO");
    }

    #[test]
    fn postgres_url_switches_backend() {
        let config = config(&[("DATABASE_URL", "postgres://u@h/db"), ("OFICINA_DEMO", "0")]).unwrap();
        assert_eq!(config.database, DatabaseConfig::Postgres("postgres://u@h/db".into()));
        assert!(!config.demo);
    }
}
