//! Configuration from the environment (and an optional `.env`), typed, with errors that name the variable.

use std::fmt;
use std::net::SocketAddr;
use std::path::PathBuf;

use crate::client_ip::TrustedProxies;
pub use crate::google::GoogleConfig;

/// Where the data lives. Its `Debug` hides the password of a PostgreSQL URL.
#[derive(Clone, PartialEq, Eq)]
pub enum DatabaseConfig {
    /// The embedded default: a SQLite file.
    Sqlite(PathBuf),
    /// Production: a PostgreSQL URL.
    Postgres(String),
}

/// How e-mail goes out. Its `Debug` hides the SendGrid key.
#[derive(Clone, PartialEq, Eq)]
pub enum MailConfig {
    /// The embedded default: each message appended as one JSON line to this file
    /// (`<data dir>/mail.jsonl`).
    Log(PathBuf),
    /// SendGrid's v3 mail-send API at `base_url` (`https://api.sendgrid.com` in production).
    SendGrid { api_key: String, base_url: String },
}

/// The sender of the e-mails, from `Name <address>` or a bare address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailFrom {
    pub name: Option<String>,
    pub email: String,
}

/// The sender when `OFICINA_MAIL_FROM` is unset.
pub const DEFAULT_MAIL_FROM: &str = "Oficina <no-reply@oficina.app>";

impl MailFrom {
    /// Parses `Name <address>` or `address`.
    pub fn parse(text: &str) -> Result<Self, String> {
        let text = text.trim();
        let (name, address) = match text.strip_suffix('>').and_then(|t| t.split_once('<')) {
            Some((name, address)) => (Some(name.trim().trim_matches('"').trim()), address),
            None => (None, text),
        };
        let email = oficina_domain::types::Email::parse(address)
            .map_err(|_| format!("expected \"Name <address>\" or an address, got {text:?}"))?;
        Ok(Self { name: name.filter(|n| !n.is_empty()).map(str::to_owned), email: email.to_string() })
    }
}

/// Everything `oficina` reads from its environment. Its `Debug` hides the secrets: the SendGrid
/// key and the passwords in `DATABASE_URL` and `REDIS_URL`.
#[derive(Clone)]
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
    /// `OFICINA_DEMO`, default 0 (`cargo xtask run` sets 1): seed a demo workshop into an empty
    /// database.
    pub demo: bool,
    /// `OFICINA_WEB_DIR`: serve the SPA from this folder instead of the copy built into the binary.
    pub web_dir: Option<PathBuf>,
    /// `OFICINA_PUBLIC_URL`, default `http://<OFICINA_ADDR>`: where people reach the web app, for
    /// the links in e-mails. Without a trailing slash.
    pub public_url: String,
    /// `SENDGRID_API_KEY` (and `SENDGRID_BASE_URL`, default `https://api.sendgrid.com`) switch
    /// e-mail to SendGrid; unset means the log mailer.
    pub mail: MailConfig,
    /// `OFICINA_MAIL_FROM`, default [`DEFAULT_MAIL_FROM`].
    pub mail_from: MailFrom,
    /// `OFICINA_INTROSPECTION`, default 1: `0` turns GraphQL introspection off.
    pub introspection: bool,
    /// `OFICINA_TRUSTED_PROXIES`, default none: the reverse proxies whose `X-Forwarded-For`
    /// names the client (see [`crate::client_ip`]).
    pub trusted_proxies: TrustedProxies,
    /// `OFICINA_GOOGLE_CLIENT_ID` (with `…_SECRET` and the provider's URLs): sign in with Google;
    /// unset means off.
    pub google: Option<GoogleConfig>,
    /// How long a DataLoader waits for more keys before it sends its batch: [`LOADER_DELAY`]
    /// (not configurable; the statement-count tests widen it so a loaded machine cannot split a
    /// batch).
    pub loader_delay: std::time::Duration,
}

/// The DataLoaders' batch window: the keys a list's resolvers ask for within it go out in one
/// statement.
pub const LOADER_DELAY: std::time::Duration = std::time::Duration::from_millis(1);

/// What `Debug` shows instead of a secret.
const HIDDEN: &str = "***";

/// `url` with the password of its `user:password@` part, if any, replaced by [`HIDDEN`].
fn without_password(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else { return url.to_owned() };
    let authority_end = rest.find('/').unwrap_or(rest.len());
    match rest[..authority_end].rfind('@').and_then(|at| rest[..at].find(':').map(|colon| (colon, at))) {
        Some((colon, at)) => format!("{scheme}://{}:{HIDDEN}{}", &rest[..colon], &rest[at..]),
        None => url.to_owned(),
    }
}

impl fmt::Debug for DatabaseConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Sqlite(path) => f.debug_tuple("Sqlite").field(path).finish(),
            Self::Postgres(url) => f.debug_tuple("Postgres").field(&without_password(url)).finish(),
        }
    }
}

impl fmt::Debug for MailConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Log(path) => f.debug_tuple("Log").field(path).finish(),
            Self::SendGrid { base_url, .. } => {
                f.debug_struct("SendGrid").field("api_key", &HIDDEN).field("base_url", base_url).finish()
            }
        }
    }
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("addr", &self.addr)
            .field("data_dir", &self.data_dir)
            .field("database", &self.database)
            .field("redis_url", &self.redis_url.as_deref().map(without_password))
            .field("redis_namespace", &self.redis_namespace)
            .field("demo", &self.demo)
            .field("web_dir", &self.web_dir)
            .field("public_url", &self.public_url)
            .field("mail", &self.mail)
            .field("mail_from", &self.mail_from)
            .field("introspection", &self.introspection)
            .field("trusted_proxies", &self.trusted_proxies)
            .field("google", &self.google)
            .finish()
    }
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
        let flag = |variable: &'static str, default: bool| match var(variable).as_deref().map(str::trim) {
            None => Ok(default),
            Some("1") | Some("true") => Ok(true),
            Some("0") | Some("false") => Ok(false),
            Some(other) => Err(ConfigError { variable, message: format!("expected 1 or 0, got {other:?}") }),
        };
        let demo = flag("OFICINA_DEMO", false)?;
        let introspection = flag("OFICINA_INTROSPECTION", true)?;
        let http_url = |variable: &'static str, url: String| {
            if url.starts_with("http://") || url.starts_with("https://") {
                Ok(url.trim_end_matches('/').to_owned())
            } else {
                Err(ConfigError {
                    variable, message: format!("expected http://… or https://…, got {url:?}")
                })
            }
        };
        let public_url =
            http_url("OFICINA_PUBLIC_URL", var("OFICINA_PUBLIC_URL").unwrap_or(format!("http://{addr}")))?;
        let mail = match var("SENDGRID_API_KEY") {
            Some(api_key) => MailConfig::SendGrid {
                api_key: api_key.trim().to_owned(),
                base_url: http_url(
                    "SENDGRID_BASE_URL",
                    var("SENDGRID_BASE_URL").unwrap_or_else(|| "https://api.sendgrid.com".into()),
                )?,
            },
            None => MailConfig::Log(data_dir.join("mail.jsonl")),
        };
        let mail_from =
            MailFrom::parse(&var("OFICINA_MAIL_FROM").unwrap_or_else(|| DEFAULT_MAIL_FROM.into()))
                .map_err(|message| ConfigError { variable: "OFICINA_MAIL_FROM", message })?;
        let trusted_proxies = TrustedProxies::parse(&var("OFICINA_TRUSTED_PROXIES").unwrap_or_default())
            .map_err(|message| ConfigError { variable: "OFICINA_TRUSTED_PROXIES", message })?;
        Ok(Self {
            addr,
            data_dir,
            database,
            redis_url,
            redis_namespace: var("OFICINA_REDIS_NAMESPACE").unwrap_or_else(|| "oficina".into()),
            demo,
            web_dir: var("OFICINA_WEB_DIR").map(PathBuf::from),
            public_url,
            mail,
            mail_from,
            introspection,
            trusted_proxies,
            google: GoogleConfig::from_lookup(var)?,
            loader_delay: LOADER_DELAY,
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
        assert!(!config.demo);
        assert!(config.introspection);
        assert_eq!(config.trusted_proxies, TrustedProxies::default());
        assert_eq!(config.public_url, "http://127.0.0.1:8080");
        assert_eq!(config.mail, MailConfig::Log(PathBuf::from("data/mail.jsonl")));
        let from = &config.mail_from;
        assert_eq!((from.name.as_deref(), from.email.as_str()), (Some("Oficina"), "no-reply@oficina.app"));
    }

    #[test]
    fn errors_name_the_variable() {
        assert_eq!(config(&[("OFICINA_ADDR", "nowhere")]).unwrap_err().variable, "OFICINA_ADDR");
        assert_eq!(config(&[("DATABASE_URL", "mysql://x")]).unwrap_err().variable, "DATABASE_URL");
        assert_eq!(config(&[("REDIS_URL", "http://x")]).unwrap_err().variable, "REDIS_URL");
        assert_eq!(config(&[("OFICINA_DEMO", "maybe")]).unwrap_err().variable, "OFICINA_DEMO");
        assert_eq!(config(&[("OFICINA_INTROSPECTION", "no")]).unwrap_err().variable, "OFICINA_INTROSPECTION");
        assert!(!config(&[("OFICINA_INTROSPECTION", "0")]).unwrap().introspection);
        let bad_proxies = config(&[("OFICINA_TRUSTED_PROXIES", "10.0.0.1, proxy")]).unwrap_err();
        assert_eq!(bad_proxies.variable, "OFICINA_TRUSTED_PROXIES");
        assert!(bad_proxies.to_string().contains("\"proxy\""), "{bad_proxies}");
        let proxies =
            config(&[("OFICINA_TRUSTED_PROXIES", "10.0.0.1,172.16.0.0/12")]).unwrap().trusted_proxies;
        assert_eq!(proxies, TrustedProxies::parse(" 10.0.0.1/32, 172.16.0.0/12").unwrap());
        assert_eq!(
            config(&[("OFICINA_PUBLIC_URL", "oficina.app")]).unwrap_err().variable,
            "OFICINA_PUBLIC_URL"
        );
        let bad_base = [("SENDGRID_API_KEY", "SG.x"), ("SENDGRID_BASE_URL", "api.sendgrid.com")];
        assert_eq!(config(&bad_base).unwrap_err().variable, "SENDGRID_BASE_URL");
        for bad in ["Oficina", "Oficina <no-reply>", "<>"] {
            assert_eq!(config(&[("OFICINA_MAIL_FROM", bad)]).unwrap_err().variable, "OFICINA_MAIL_FROM");
        }
    }

    #[test]
    fn public_url_follows_the_address_unless_set() {
        assert_eq!(config(&[("OFICINA_ADDR", "0.0.0.0:80")]).unwrap().public_url, "http://0.0.0.0:80");
        let set = config(&[("OFICINA_PUBLIC_URL", "https://oficina.example.com/")]).unwrap();
        assert_eq!(set.public_url, "https://oficina.example.com");
    }

    #[test]
    fn a_sendgrid_key_switches_the_mailer() {
        let default_base = config(&[("SENDGRID_API_KEY", "SG.key")]).unwrap();
        let expected =
            MailConfig::SendGrid { api_key: "SG.key".into(), base_url: "https://api.sendgrid.com".into() };
        assert_eq!(default_base.mail, expected);
        let local =
            config(&[("SENDGRID_API_KEY", "SG.key"), ("SENDGRID_BASE_URL", "http://127.0.0.1:9999/")])
                .unwrap();
        let expected =
            MailConfig::SendGrid { api_key: "SG.key".into(), base_url: "http://127.0.0.1:9999".into() };
        assert_eq!(local.mail, expected);
        // Without a key the base URL changes nothing.
        let no_key = config(&[("SENDGRID_BASE_URL", "http://127.0.0.1:9999")]).unwrap();
        assert_eq!(no_key.mail, MailConfig::Log(PathBuf::from("data/mail.jsonl")));
    }

    #[test]
    fn the_sender_is_a_name_and_an_address_or_an_address() {
        let named = MailFrom::parse("\"Oficina do Zé\" <Contato@Oficina.app>").unwrap();
        assert_eq!(
            (named.name.as_deref(), named.email.as_str()),
            (Some("Oficina do Zé"), "contato@oficina.app")
        );
        let bare = MailFrom::parse("contato@oficina.app").unwrap();
        assert_eq!((bare.name, bare.email.as_str()), (None, "contato@oficina.app"));
    }

    #[test]
    fn debug_hides_the_secrets() {
        let config = config(&[
            ("DATABASE_URL", "postgres://oficina:db-secret@db.example.com:5432/oficina"),
            ("REDIS_URL", "redis://:redis-secret@cache.example.com/0"),
            ("SENDGRID_API_KEY", "SG.key-secret"),
        ])
        .unwrap();
        let debug = format!("{config:?}");
        for secret in ["db-secret", "redis-secret", "key-secret"] {
            assert!(!debug.contains(secret), "{secret} in {debug}");
        }
        assert!(debug.contains("postgres://oficina:***@db.example.com:5432/oficina"), "{debug}");
        assert!(debug.contains("redis://:***@cache.example.com/0"), "{debug}");
        assert_eq!(without_password("redis://cache.example.com/0"), "redis://cache.example.com/0");
        assert_eq!(without_password("postgres://u@h/a:b@c"), "postgres://u@h/a:b@c");
    }

    #[test]
    fn postgres_url_switches_backend() {
        let config = config(&[("DATABASE_URL", "postgres://u@h/db"), ("OFICINA_DEMO", "1")]).unwrap();
        assert_eq!(config.database, DatabaseConfig::Postgres("postgres://u@h/db".into()));
        assert!(config.demo);
    }
}
