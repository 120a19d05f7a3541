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

/// Why a message was not delivered.
#[derive(Debug, thiserror::Error)]
pub enum SendError {
    /// It did not go out (the mail service refused it or could not be reached): try again later.
    #[error("{0:#}")]
    NotSent(anyhow::Error),
    /// It may have gone out (no answer in time, the connection lost mid-request): sending it
    /// again could deliver it twice.
    #[error("outcome unknown: {0:#}")]
    Unknown(anyhow::Error),
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

    /// Sends one message; an error says whether it surely did not go out.
    pub async fn send(&self, message: &Message) -> Result<(), SendError> {
        match self {
            Self::SendGrid(sendgrid) => sendgrid.send(message).await,
            Self::Log(path) => Self::append(path, message).await.map_err(SendError::NotSent),
        }
    }

    /// Appends `message` to the log file at `path`.
    async fn append(path: &std::path::Path, message: &Message) -> anyhow::Result<()> {
        let mut line = serde_json::to_string(message)?;
        line.push('\n');
        let path = path.to_path_buf();
        tokio::task::spawn_blocking(move || {
            // The whole line in one append, so the lines of several nodes sharing the file stay whole.
            std::fs::OpenOptions::new().create(true).append(true).open(&path)?.write_all(line.as_bytes())
        })
        .await??;
        Ok(())
    }
}
