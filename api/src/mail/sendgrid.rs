//! SendGrid's v3 mail-send API (`POST <base>/v3/mail/send`, `Authorization: Bearer <key>`),
//! through the `sendgrid` crate pointed at a configurable base URL.

use std::time::Duration;

use sendgrid::SendgridError;
use sendgrid::v3::{Content, Email, Message as SendGridMessage, Personalization, Sender};

use super::{Message, SendError};
use crate::config::MailFrom;

/// How long one request may take; far shorter than the outbox's claim lease.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// A SendGrid client: one connection pool, reused for every message.
pub struct SendGrid {
    sender: Sender<'static>,
    /// `<base>/v3/mail/send`.
    url: String,
    from: MailFrom,
}

impl SendGrid {
    pub fn new(api_key: &str, base_url: &str, from: MailFrom) -> Self {
        Self { sender: Sender::new(api_key, None), url: format!("{base_url}/v3/mail/send"), from }
    }

    /// Sends `message` with its text and HTML bodies. Any answer but 2xx, or no connection, is
    /// [`SendError::NotSent`] (with SendGrid's status and body); no answer in time or a connection
    /// lost mid-request is [`SendError::Unknown`]: SendGrid may have accepted the message.
    pub async fn send(&self, message: &Message) -> Result<(), SendError> {
        let mut sender = self.sender.clone();
        sender.set_host(&self.url);
        let from = match &self.from.name {
            Some(name) => Email::new(&self.from.email).set_name(name),
            None => Email::new(&self.from.email),
        };
        let mail = SendGridMessage::new(from)
            .set_subject(&message.subject)
            .add_personalization(Personalization::new(Email::new(&message.to)))
            .add_content(Content::new().set_content_type("text/plain").set_value(&message.text))
            .add_content(Content::new().set_content_type("text/html").set_value(&message.html));
        match tokio::time::timeout(REQUEST_TIMEOUT, sender.send(&mail)).await {
            Ok(Ok(_)) => Ok(()),
            Ok(Err(err)) if not_sent(&err) => Err(SendError::NotSent(err.into())),
            Ok(Err(err)) => Err(SendError::Unknown(err.into())),
            Err(_) => {
                Err(SendError::Unknown(anyhow::anyhow!("SendGrid did not answer within {REQUEST_TIMEOUT:?}")))
            }
        }
    }
}

/// Whether `err` shows SendGrid did not take the message: it answered with an error, or the
/// request never left (no connection, a bad header).
fn not_sent(err: &SendgridError) -> bool {
    match err {
        SendgridError::RequestNotSuccessful(_) | SendgridError::InvalidHeader(_) => true,
        SendgridError::ReqwestError(err) => err.is_connect() || err.is_builder(),
        _ => false,
    }
}
