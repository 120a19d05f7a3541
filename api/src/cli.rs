//! The command line of `oficina`: `serve` (the default), `schema` and `migrate`. Settings come
//! from the environment (see [`Config`]); a wrong one is one line on stderr and status 2.

use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand};
use tracing_subscriber::EnvFilter;

use crate::config::{Config, MailConfig};

/// Oficina: an auto-repair shop's web app and GraphQL API in one binary.
///
/// Settings come from the environment or a `.env` file: OFICINA_ADDR, OFICINA_DATA_DIR,
/// DATABASE_URL, REDIS_URL, OFICINA_REDIS_NAMESPACE, OFICINA_DEMO, OFICINA_WEB_DIR,
/// OFICINA_PUBLIC_URL, SENDGRID_API_KEY, SENDGRID_BASE_URL, OFICINA_MAIL_FROM,
/// OFICINA_INTROSPECTION, OFICINA_TRUSTED_PROXIES.
#[derive(Parser)]
#[command(name = "oficina", bin_name = "oficina", version)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand, Clone, Copy)]
enum Command {
    /// Serve the web app and the API (the default).
    Serve,
    /// Print the GraphQL schema (SDL).
    Schema,
    /// Run the database migrations and exit.
    Migrate,
}

/// The exit status for a wrong setting, as for a wrong argument.
const BAD_SETTING: u8 = 2;

/// Runs the command line: answers `--help` and `--version`, or runs the subcommand.
pub fn main() -> ExitCode {
    match Cli::parse().command.unwrap_or(Command::Serve) {
        Command::Schema => {
            print!("{}", crate::graphql::sdl());
            ExitCode::SUCCESS
        }
        Command::Serve => with_config(serve),
        Command::Migrate => with_config(migrate),
    }
}

/// Reads the settings and runs `task` on a Tokio runtime. A wrong setting or a failure is one
/// line on stderr, with no backtrace.
fn with_config<F>(task: impl FnOnce(Config) -> F) -> ExitCode
where
    F: Future<Output = anyhow::Result<()>>,
{
    let config = match Config::from_env() {
        Ok(config) => config,
        Err(err) => {
            eprintln!("oficina: {err}");
            return ExitCode::from(BAD_SETTING);
        }
    };
    tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::try_from_default_env().unwrap_or_else(|_| "info,tower_http=warn".into()))
        .init();
    let result = tokio::runtime::Runtime::new()
        .context("cannot start the Tokio runtime")
        .and_then(|runtime| runtime.block_on(task(config)));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("oficina: {err:#}");
            ExitCode::FAILURE
        }
    }
}

/// Migrates the configured database and returns.
async fn migrate(config: Config) -> anyhow::Result<()> {
    crate::migrate(&config.database).await?;
    tracing::info!("migrations applied");
    Ok(())
}

/// Serves until SIGTERM or Ctrl-C, then drains in-flight requests.
async fn serve(config: Config) -> anyhow::Result<()> {
    let app = crate::build(&config).await?;
    let mail = match &config.mail {
        MailConfig::Log(path) => path.display().to_string(),
        MailConfig::SendGrid { base_url, .. } => base_url.clone(),
    };
    tracing::info!(backend = app.state.db.backend_name(), addr = %config.addr, %mail, "Oficina starting");
    if let Some(logins) = &app.demo_logins {
        println!("Oficina de demonstração criada. Acessos (e-mail / senha):");
        for login in logins {
            println!("  {:<9} {} / {}", login.role.as_str(), login.email, login.password);
        }
    }
    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .with_context(|| format!("OFICINA_ADDR: cannot listen on {}", config.addr))?;
    println!("Oficina em http://{}", listener.local_addr()?);
    let (drained_tx, drained_rx) = tokio::sync::oneshot::channel::<()>();
    // The peer's address is the client's, unless it is a trusted proxy (see `client_ip`).
    let service = app.router.into_make_service_with_connect_info::<std::net::SocketAddr>();
    let server = axum::serve(listener, service).with_graceful_shutdown(async move {
        crate::shutdown_signal().await;
        tracing::info!("shutting down: draining in-flight requests");
        let _ = drained_tx.send(());
    });
    tokio::select! {
        result = server => result?,
        () = async {
            let _ = drained_rx.await;
            tokio::time::sleep(crate::DRAIN_TIMEOUT).await;
        } => tracing::warn!("drain timeout: closing the remaining connections"),
    }
    Ok(())
}
