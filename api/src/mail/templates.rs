//! The e-mail templates, in Portuguese (pt-BR) and in English for users whose locale is `en`.
//! Each template writes one [`Letter`], rendered both as plain text and as HTML; its link points
//! at the web app's route, with the notification's one-time token for the templates that need one.

use chrono::{DateTime, Datelike, Duration, Utc};
use chrono_tz::Tz;
use oficina_domain::identity::{INVITATION_LIFETIME, PASSWORD_RESET_LIFETIME};
use oficina_domain::notifications::{Mail, Notification};
use oficina_domain::portal::LINK_LIFETIME_AFTER_CLOSE;

use super::Message;

mod loyalty;
mod nps;

/// What every message says, in order: a greeting, paragraphs, one link as a call to action, and
/// a closing note.
struct Letter {
    subject: String,
    greeting: String,
    paragraphs: Vec<String>,
    action: String,
    link: String,
    closing: String,
}

/// Renders a notification of the outbox for `public_url` (the web app's address, no trailing slash).
pub fn render(notification: &Notification, public_url: &str) -> anyhow::Result<Message> {
    let mail = notification.mail()?;
    let token = || {
        notification
            .secret
            .as_deref()
            .ok_or_else(|| anyhow::anyhow!("notification {} has no token for its link", notification.id))
    };
    let letter = letter(&mail, notification.locale == "en", public_url, token)?;
    Ok(Message {
        to: notification.recipient.clone(),
        subject: letter.subject.clone(),
        text: letter.text(),
        html: letter.html(),
    })
}

/// The letter of `mail`; `token` gives the one-time token of the templates whose link needs one.
fn letter<'a>(
    mail: &Mail,
    english: bool,
    public_url: &str,
    token: impl FnOnce() -> anyhow::Result<&'a str>,
) -> anyhow::Result<Letter> {
    Ok(match mail {
        Mail::Invitation { workshop, customer } => {
            let link = format!("{public_url}/convite/{}", token()?);
            let valid = how_long(INVITATION_LIFETIME, english);
            if english {
                Letter {
                    subject: format!("{workshop} invites you to its customer portal"),
                    greeting: format!("Hello, {customer}!"),
                    paragraphs: vec![
                        format!(
                            "{workshop} invites you to follow your vehicles, services and appointments \
                             in its customer portal."
                        ),
                        format!("Choose your password with the link below. It works once, for {valid}."),
                    ],
                    action: "Accept the invitation".into(),
                    link,
                    closing: "If you did not expect this invitation, ignore this e-mail.".into(),
                }
            } else {
                Letter {
                    subject: format!("{workshop} convida você para o portal do cliente"),
                    greeting: format!("Olá, {customer}!"),
                    paragraphs: vec![
                        format!(
                            "{workshop} convida você para acompanhar seus veículos, serviços e \
                             agendamentos no portal do cliente."
                        ),
                        format!(
                            "Crie sua senha pelo link abaixo. Ele vale por {valid} e funciona uma vez só."
                        ),
                    ],
                    action: "Aceitar o convite".into(),
                    link,
                    closing: "Se você não esperava este convite, ignore este e-mail.".into(),
                }
            }
        }
        Mail::PasswordReset { name } => {
            let link = format!("{public_url}/redefinir-senha/{}", token()?);
            let valid = how_long(PASSWORD_RESET_LIFETIME, english);
            if english {
                Letter {
                    subject: "Reset your Oficina password".into(),
                    greeting: format!("Hello, {name}!"),
                    paragraphs: vec![
                        "We received a request to reset the password of your Oficina account.".into(),
                        format!("Choose a new password with the link below. It works once, for {valid}."),
                    ],
                    action: "Choose a new password".into(),
                    link,
                    closing: "If you did not ask for this, ignore this e-mail: your password stays the same."
                        .into(),
                }
            } else {
                Letter {
                    subject: "Redefinição da sua senha do Oficina".into(),
                    greeting: format!("Olá, {name}!"),
                    paragraphs: vec![
                        "Recebemos um pedido para redefinir a senha da sua conta no Oficina.".into(),
                        format!(
                            "Escolha uma nova senha pelo link abaixo. Ele vale por {valid} e funciona uma vez só."
                        ),
                    ],
                    action: "Escolher uma nova senha".into(),
                    link,
                    closing: "Se você não pediu isto, ignore este e-mail: sua senha continua a mesma.".into(),
                }
            }
        }
        Mail::AppointmentReminder { workshop, customer, plate, starts_at, time_zone } => {
            let when = local_time(*starts_at, time_zone, english)?;
            let link = format!("{public_url}/cliente/agendar");
            if english {
                Letter {
                    subject: format!("Reminder: your appointment at {workshop}"),
                    greeting: format!("Hello, {customer}!"),
                    paragraphs: vec![format!(
                        "This is a reminder of the appointment of the vehicle {plate} at {workshop}: {when}."
                    )],
                    action: "See or cancel your appointments".into(),
                    link,
                    closing: "If you cannot come, please cancel it so someone else can take the slot.".into(),
                }
            } else {
                Letter {
                    subject: format!("Lembrete: seu agendamento na {workshop}"),
                    greeting: format!("Olá, {customer}!"),
                    paragraphs: vec![format!(
                        "Lembramos o agendamento do veículo {plate} na {workshop}: {when}."
                    )],
                    action: "Ver ou cancelar seus agendamentos".into(),
                    link,
                    closing: "Se não puder comparecer, cancele para liberar o horário para outra pessoa."
                        .into(),
                }
            }
        }
        Mail::StatusLink { workshop, customer, number, plate } => {
            let link = format!("{public_url}/acompanhar/{}", token()?);
            let valid = how_long(LINK_LIFETIME_AFTER_CLOSE, english);
            if english {
                Letter {
                    subject: format!("Follow your service order #{number} at {workshop}"),
                    greeting: format!("Hello, {customer}!"),
                    paragraphs: vec![
                        format!(
                            "{workshop} sent you a link to follow service order #{number} of the vehicle \
                             {plate}: its status, items and total, live, without signing in."
                        ),
                        format!("The link works until {valid} after the order is finished."),
                    ],
                    action: "Follow the order".into(),
                    link,
                    closing: "Anyone with this link sees the order: share it only with whom you trust."
                        .into(),
                }
            } else {
                Letter {
                    subject: format!("Acompanhe a sua ordem de serviço nº {number} na {workshop}"),
                    greeting: format!("Olá, {customer}!"),
                    paragraphs: vec![
                        format!(
                            "A {workshop} enviou um link para você acompanhar a ordem de serviço nº {number} \
                             do veículo {plate}: situação, itens e total, ao vivo, sem precisar entrar."
                        ),
                        format!("O link vale até {valid} depois que a ordem for finalizada."),
                    ],
                    action: "Acompanhar a ordem".into(),
                    link,
                    closing: "Quem tiver este link vê a ordem: compartilhe só com quem você confia.".into(),
                }
            }
        }
        Mail::NewChatMessage { workshop, customer } => {
            let link = format!("{public_url}/cliente/conversa");
            if english {
                Letter {
                    subject: format!("You have a new message from {workshop}"),
                    greeting: format!("Hello, {customer}!"),
                    paragraphs: vec![format!("{workshop} answered you in the chat of the customer portal.")],
                    action: "Read and reply".into(),
                    link,
                    closing: "We e-mail you at most once an hour about new messages.".into(),
                }
            } else {
                Letter {
                    subject: format!("Você tem uma nova mensagem de {workshop}"),
                    greeting: format!("Olá, {customer}!"),
                    paragraphs: vec![format!("{workshop} respondeu você no chat do portal do cliente.")],
                    action: "Ler e responder".into(),
                    link,
                    closing: "Avisamos por e-mail no máximo uma vez por hora sobre novas mensagens.".into(),
                }
            }
        }
        Mail::NpsSurvey { workshop, customer, order_number } => {
            let link = format!("{public_url}/avaliar/{}", token()?);
            nps::survey(workshop, customer, *order_number, link, english)
        }
        Mail::NpsDetractor { workshop, customer, order_number, score, comment } => {
            let detractor = nps::Detractor {
                workshop,
                customer,
                order_number: *order_number,
                score: *score,
                comment: comment.as_deref(),
            };
            nps::detractor(&detractor, format!("{public_url}/painel/nps"), english)
        }
        Mail::LoyaltyReward { workshop, customer, program, reward } => {
            let reward = loyalty::Reward { workshop, customer, program, reward };
            loyalty::reward(&reward, format!("{public_url}/cliente"), english)
        }
    })
}

/// An instant in the workshop's zone: `quarta-feira, 02/12/2026 às 13:00` or
/// `Wednesday, 12/02/2026 at 1:00 PM`.
fn local_time(at: DateTime<Utc>, time_zone: &str, english: bool) -> anyhow::Result<String> {
    let zone: Tz =
        time_zone.parse().map_err(|e| anyhow::anyhow!("the reminder's time zone {time_zone:?}: {e}"))?;
    let local = at.with_timezone(&zone);
    Ok(if english {
        local.format("%A, %m/%d/%Y at %-I:%M %p").to_string()
    } else {
        const WEEKDAYS: [&str; 7] = [
            "segunda-feira",
            "terça-feira",
            "quarta-feira",
            "quinta-feira",
            "sexta-feira",
            "sábado",
            "domingo",
        ];
        let weekday = WEEKDAYS[local.weekday().num_days_from_monday() as usize];
        format!("{weekday}, {} às {}", local.format("%d/%m/%Y"), local.format("%H:%M"))
    })
}

/// A duration in whole days, or hours below a day: `7 dias`, `1 hour`.
fn how_long(duration: Duration, english: bool) -> String {
    let (count, units) = match duration.num_days() {
        0 => (duration.num_hours(), if english { ("hour", "hours") } else { ("hora", "horas") }),
        days => (days, if english { ("day", "days") } else { ("dia", "dias") }),
    };
    format!("{count} {}", if count == 1 { units.0 } else { units.1 })
}

impl Letter {
    fn text(&self) -> String {
        let mut text = format!("{}\n\n", self.greeting);
        for paragraph in &self.paragraphs {
            text.push_str(&format!("{paragraph}\n\n"));
        }
        text.push_str(&format!("{}: {}\n\n{}\n", self.action, self.link, self.closing));
        text
    }

    fn html(&self) -> String {
        let mut html = format!("<p>{}</p>\n", escape(&self.greeting));
        for paragraph in &self.paragraphs {
            html.push_str(&format!("<p>{}</p>\n", escape(paragraph)));
        }
        html.push_str(&format!(
            "<p><a href=\"{}\">{}</a></p>\n<p>{}</p>\n",
            escape(&self.link),
            escape(&self.action),
            escape(&self.closing)
        ));
        html
    }
}

/// Escapes text for HTML content and attribute values.
fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            c => escaped.push(c),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;

    fn notification(mail: &Mail, locale: &str) -> Notification {
        Notification {
            id: 1,
            workshop_id: 1,
            recipient: "carla@example.com".into(),
            locale: locale.into(),
            payload: serde_json::to_string(mail).unwrap(),
            secret: Some("tok-EN_123".into()),
            attempts: 0,
        }
    }

    #[test]
    fn an_invitation_in_portuguese_links_to_the_invitation_route() {
        let mail = Mail::Invitation { workshop: "Oficina do Zé".into(), customer: "Carla".into() };
        let message = render(&notification(&mail, "pt-BR"), "https://oficina.example.com").unwrap();
        assert_eq!(message.to, "carla@example.com");
        assert_eq!(message.subject, "Oficina do Zé convida você para o portal do cliente");
        assert!(message.text.starts_with("Olá, Carla!\n\n"), "{}", message.text);
        assert!(message.text.contains("vale por 7 dias"), "{}", message.text);
        assert!(
            message.text.contains("Aceitar o convite: https://oficina.example.com/convite/tok-EN_123\n"),
            "{}",
            message.text
        );
        assert!(message.html.contains("<a href=\"https://oficina.example.com/convite/tok-EN_123\">"));
    }

    #[test]
    fn a_password_reset_in_english_for_an_english_locale() {
        let mail = Mail::PasswordReset { name: "Zé".into() };
        let message = render(&notification(&mail, "en"), "http://127.0.0.1:8080").unwrap();
        assert_eq!(message.subject, "Reset your Oficina password");
        assert!(message.text.contains("for 1 hour"), "{}", message.text);
        assert!(message.text.contains("http://127.0.0.1:8080/redefinir-senha/tok-EN_123"));
        let portuguese = render(&notification(&mail, "pt-BR"), "http://x").unwrap();
        assert!(portuguese.text.contains("vale por 1 hora e"), "{}", portuguese.text);
    }

    #[test]
    fn names_are_escaped_in_html_only() {
        let mail = Mail::Invitation { workshop: "Auto <Peças> & Cia".into(), customer: "\"Zé\"".into() };
        let message = render(&notification(&mail, "pt-BR"), "http://x").unwrap();
        assert!(message.html.contains("Auto &lt;Peças&gt; &amp; Cia"), "{}", message.html);
        assert!(message.html.contains("Olá, &quot;Zé&quot;!"), "{}", message.html);
        assert!(!message.html.contains("<Peças>"));
        assert!(message.text.contains("Auto <Peças> & Cia"));
    }

    #[test]
    fn a_reminder_shows_the_start_in_the_workshop_zone_without_a_token() {
        let mail = Mail::AppointmentReminder {
            workshop: "Oficina do Zé".into(),
            customer: "Carla".into(),
            plate: "BRA2E19".into(),
            starts_at: "2026-12-02T16:00:00Z".parse().unwrap(),
            time_zone: "America/Sao_Paulo".into(),
        };
        let mut reminder = notification(&mail, "pt-BR");
        reminder.secret = None;
        let message = render(&reminder, "http://x").unwrap();
        assert!(message.text.contains("quarta-feira, 02/12/2026 às 13:00"), "{}", message.text);
        assert!(message.text.contains("BRA2E19"), "{}", message.text);
        assert!(message.text.contains("http://x/cliente/agendar"), "{}", message.text);
        let english = render(&notification(&mail, "en"), "http://x").unwrap();
        assert!(english.text.contains("Wednesday, 12/02/2026 at 1:00 PM"), "{}", english.text);
    }

    #[test]
    fn a_new_chat_message_names_the_workshop_and_links_to_the_chat() {
        let mail = Mail::NewChatMessage { workshop: "Oficina do Zé".into(), customer: "Carla".into() };
        let mut notice = notification(&mail, "pt-BR");
        notice.secret = None;
        let message = render(&notice, "http://x").unwrap();
        assert_eq!(message.subject, "Você tem uma nova mensagem de Oficina do Zé");
        assert!(message.text.contains("http://x/cliente/conversa"), "{}", message.text);
        let english = render(&notification(&mail, "en"), "http://x").unwrap();
        assert_eq!(english.subject, "You have a new message from Oficina do Zé");
    }

    #[test]
    fn a_notification_without_its_token_is_not_rendered() {
        let mail = Mail::PasswordReset { name: "Zé".into() };
        let mut erased = notification(&mail, "pt-BR");
        erased.secret = None;
        assert!(render(&erased, "http://x").is_err());
    }
}
