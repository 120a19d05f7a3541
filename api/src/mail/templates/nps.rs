//! The NPS letters: the survey of a finished order to its customer, and the alert of a
//! detractor's answer to the workshop's admins.

use super::Letter;

/// The survey of order `order_number`; `link` carries the survey token.
pub(super) fn survey(
    workshop: &str,
    customer: &str,
    order_number: i64,
    link: String,
    english: bool,
) -> Letter {
    if english {
        Letter {
            subject: format!("How was your service at {workshop}?"),
            greeting: format!("Hello, {customer}!"),
            paragraphs: vec![
                format!("Your service order no. {order_number} at {workshop} is finished."),
                format!(
                    "From 0 to 10, how likely are you to recommend {workshop} to a friend? It takes \
                     a few seconds and helps the workshop improve."
                ),
            ],
            action: "Rate the service".into(),
            link,
            closing: "The link works for 30 days, for this order only.".into(),
        }
    } else {
        Letter {
            subject: format!("Como foi o seu atendimento na {workshop}?"),
            greeting: format!("Olá, {customer}!"),
            paragraphs: vec![
                format!("Sua ordem de serviço nº {order_number} na {workshop} foi finalizada."),
                format!(
                    "De 0 a 10, quanto você recomendaria a {workshop} a um amigo? Leva poucos \
                     segundos e ajuda a oficina a melhorar."
                ),
            ],
            action: "Avaliar o atendimento".into(),
            link,
            closing: "O link vale por 30 dias, só para esta ordem.".into(),
        }
    }
}

/// What an admin reads about a detractor's answer; `link` opens the NPS report.
pub(super) struct Detractor<'a> {
    pub workshop: &'a str,
    pub customer: &'a str,
    pub order_number: i64,
    pub score: i32,
    pub comment: Option<&'a str>,
}

/// The alert of a detractor's answer to an admin.
pub(super) fn detractor(d: &Detractor<'_>, link: String, english: bool) -> Letter {
    let Detractor { workshop, customer, order_number, score, comment } = *d;
    if english {
        let said = comment.map_or_else(|| "No comment.".to_owned(), |c| format!("Their comment: “{c}”"));
        Letter {
            subject: format!("{customer} rated {workshop} {score}/10"),
            greeting: "Hello!".into(),
            paragraphs: vec![
                format!(
                    "{customer} answered the survey of service order no. {order_number} with {score} out of 10."
                ),
                said,
                "A quick call may win this customer back.".into(),
            ],
            action: "Open the NPS report".into(),
            link,
            closing: "You get this e-mail as an admin of the workshop.".into(),
        }
    } else {
        let said = comment.map_or_else(|| "Sem comentário.".to_owned(), |c| format!("O comentário: “{c}”"));
        Letter {
            subject: format!("{customer} deu nota {score}/10 para a {workshop}"),
            greeting: "Olá!".into(),
            paragraphs: vec![
                format!(
                    "{customer} respondeu a pesquisa da ordem de serviço nº {order_number} com nota {score} de 10."
                ),
                said,
                "Um contato rápido pode recuperar este cliente.".into(),
            ],
            action: "Abrir o relatório de NPS".into(),
            link,
            closing: "Você recebe este e-mail como administrador da oficina.".into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use oficina_domain::notifications::{Mail, Notification};

    use super::super::render;

    fn notification(mail: &Mail, locale: &str, secret: Option<&str>) -> Notification {
        Notification {
            id: 1,
            workshop_id: 1,
            recipient: "carla@example.com".into(),
            locale: locale.into(),
            payload: serde_json::to_string(mail).unwrap(),
            secret: secret.map(str::to_owned),
            attempts: 0,
        }
    }

    #[test]
    fn the_survey_links_to_the_public_survey_page() {
        let mail =
            Mail::NpsSurvey { workshop: "Oficina do Zé".into(), customer: "Carla".into(), order_number: 7 };
        let message = render(&notification(&mail, "pt-BR", Some("tok")), "https://x.app").unwrap();
        assert!(message.subject.contains("Oficina do Zé"), "{}", message.subject);
        assert!(message.text.contains("nº 7"), "{}", message.text);
        assert!(message.text.contains("https://x.app/avaliar/tok"), "{}", message.text);
        let english = render(&notification(&mail, "en", Some("tok")), "https://x.app").unwrap();
        assert!(english.text.contains("Rate the service: https://x.app/avaliar/tok"), "{}", english.text);
        assert!(render(&notification(&mail, "pt-BR", None), "https://x.app").is_err());
    }

    #[test]
    fn the_detractor_alert_quotes_the_comment_and_links_to_the_report() {
        let mail = Mail::NpsDetractor {
            workshop: "Oficina do Zé".into(),
            customer: "Carla".into(),
            order_number: 7,
            score: 3,
            comment: Some("<b>demorou</b>".into()),
        };
        let message = render(&notification(&mail, "pt-BR", None), "https://x.app").unwrap();
        assert!(message.subject.contains("3/10"), "{}", message.subject);
        assert!(message.text.contains("<b>demorou</b>"), "{}", message.text);
        assert!(message.html.contains("&lt;b&gt;demorou"), "{}", message.html);
        assert!(message.text.contains("https://x.app/painel/nps"), "{}", message.text);
    }
}
