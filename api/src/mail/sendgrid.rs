//! SendGrid's v3 mail-send API (`POST <base>/v3/mail/send`, `Authorization: Bearer <key>`),
//! through the `sendgrid` crate pointed at a configurable base URL.

use std::time::Duration;

use sendgrid::v3::{Content, Email, Message as SendGridMessage, Personalization, Sender};

use super::Message;
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

    /// Sends `message` with its text and HTML bodies; any answer but 2xx is an error with
    /// SendGrid's status and body.
    pub async fn send(&self, message: &Message) -> anyhow::Result<()> {
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
        tokio::time::timeout(REQUEST_TIMEOUT, sender.send(&mail))
            .await
            .map_err(|_| anyhow::anyhow!("SendGrid did not answer within {REQUEST_TIMEOUT:?}"))??;
        Ok(())
    }
}
