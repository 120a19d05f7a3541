//! E-mail: messages rendered from templates in the recipient's language ([`templates`]), queued in
//! the outbox by the commands that cause them and delivered after commit by a worker
//! ([`outbox`]) through the configured [`Mailer`]: SendGrid, or the log file of the embedded default.

pub mod outbox;
mod sendgrid;
pub mod templates;

use std::io::Write;
use std::path::PathBuf;

use serde::Serialize;

use crate::config::{MailConfig, MailFrom};

pub use outbox::Outbox;

/// One e-mail, ready to send: a plain-text and an HTML body of the same content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Message {
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// Sends e-mail.
pub enum Mailer {
    /// SendGrid's v3 mail-send API.
    SendGrid(sendgrid::SendGrid),
    /// The embedded default: appends each message as one JSON line
    /// (`{"to","subject","text","html"}`) to this file.
    Log(PathBuf),
}

impl Mailer {
    /// The mailer `config` asks for, sending as `from`.
    pub fn new(config: &MailConfig, from: &MailFrom) -> Self {
        match config {
            MailConfig::SendGrid { api_key, base_url } => {
                Self::SendGrid(sendgrid::SendGrid::new(api_key, base_url, from.clone()))
            }
            MailConfig::Log(path) => Self::Log(path.clone()),
        }
    }

    /// Sends one message; an error means it was not sent.
    pub async fn send(&self, message: &Message) -> anyhow::Result<()> {
        match self {
            Self::SendGrid(sendgrid) => sendgrid.send(message).await,
            Self::Log(path) => {
                let mut line = serde_json::to_string(message)?;
                line.push('\n');
                let path = path.clone();
                tokio::task::spawn_blocking(move || {
                    // The whole line in one append, so the lines of several nodes sharing the file stay whole.
                    std::fs::OpenOptions::new()
                        .create(true)
                        .append(true)
                        .open(&path)?
                        .write_all(line.as_bytes())
                })
                .await??;
                Ok(())
            }
        }
    }
}
