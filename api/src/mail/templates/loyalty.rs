//! The loyalty letter: a customer reached a VISITS reward ("Sua próxima revisão é grátis").

use super::Letter;

/// What the reward letter names.
pub(super) struct Reward<'a> {
    pub workshop: &'a str,
    pub customer: &'a str,
    pub program: &'a str,
    pub reward: &'a str,
}

/// The letter of a reward reached; `link` opens the customer portal.
pub(super) fn reward(r: &Reward<'_>, link: String, english: bool) -> Letter {
    let Reward { workshop, customer, program, reward } = r;
    if english {
        Letter {
            subject: format!("Your next service at {workshop} is free"),
            greeting: format!("Hello, {customer}!"),
            paragraphs: vec![
                format!("Thank you for coming back: you reached a reward of {workshop}'s \"{program}\"."),
                format!("Your reward: {reward}. Tell us at your next visit and we apply it to your order."),
            ],
            action: "See my rewards".into(),
            link,
            closing: "The reward stays in your customer portal until you use it.".into(),
        }
    } else {
        Letter {
            subject: format!("Sua próxima revisão na {workshop} é grátis"),
            greeting: format!("Olá, {customer}!"),
            paragraphs: vec![
                format!(
                    "Obrigado pela preferência: você alcançou uma recompensa do programa \"{program}\" da {workshop}."
                ),
                format!(
                    "Sua recompensa: {reward}. Avise na próxima visita e aplicamos na sua ordem de serviço."
                ),
            ],
            action: "Ver minhas recompensas".into(),
            link,
            closing: "A recompensa fica no seu portal do cliente até você usá-la.".into(),
        }
    }
}
