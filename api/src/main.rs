//! `oficina`: the one binary. `oficina` serves the app; `oficina schema` prints the GraphQL SDL.

use anyhow::Context;
use oficina_api::config::{Config, MailConfig};
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    if std::env::args().nth(1).as_deref() == Some("schema") {
        print!("{}", oficina_api::graphql::sdl());
        return Ok(());
    }
    tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::try_from_default_env().unwrap_or_else(|_| "info,tower_http=warn".into()))
        .init();
    let config = Config::from_env()?;
    let app = oficina_api::build(&config).await?;
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
    let server = axum::serve(listener, app.router).with_graceful_shutdown(async move {
        oficina_api::shutdown_signal().await;
        tracing::info!("shutting down: draining in-flight requests");
        let _ = drained_tx.send(());
    });
    tokio::select! {
        result = server => result?,
        () = async {
            let _ = drained_rx.await;
            tokio::time::sleep(oficina_api::DRAIN_TIMEOUT).await;
        } => tracing::warn!("drain timeout: closing the remaining connections"),
    }
    Ok(())
}
