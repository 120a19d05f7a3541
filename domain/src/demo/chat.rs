//! The demo workshop's chat: three conversations written through the chat context's own commands
//! at past times, each side reading the other's messages before answering. The demo customer's is
//! assigned to the operator and waits for an answer; another customer's two questions are
//! unassigned; a third, answered by the administrator, is resolved. Every e-mail a staff message
//! queued was withdrawn by the customer's reading, so the demo mails nobody.

use chrono::{DateTime, Duration, Utc};

use super::link_customer;
use super::orders::DemoCar;
use crate::DomainError;
use crate::audit::Actor;
use crate::chat::{ChatAuthor, ChatMessage, ChatViewer, Conversation};
use crate::crm::Customer;
use crate::db::Conn;
use crate::identity::{AddStaffInput, Membership, Role};

/// A staff member who answers in the demo: who they act as, their role and membership.
pub(super) struct DemoStaff {
    pub actor: Actor,
    pub role: Role,
    pub membership_id: i64,
}

/// Who writes a line of a demo conversation.
#[derive(Clone, Copy)]
enum By {
    Customer,
    /// The operator.
    Operator,
    Admin,
}

/// A demo conversation: its lines (who, minutes ago, text), whether the operator is assigned,
/// whether it ends resolved.
struct Script {
    lines: &'static [(By, i64, &'static str)],
    assigned: bool,
    resolved: bool,
}

const SCRIPTS: [Script; 3] = [
    Script {
        lines: &[
            (
                By::Customer,
                180,
                "Bom dia! Deixei o Argo para a revisão dos 40 mil km. Vocês conseguem olhar também um \
                 barulho na porta do motorista?",
            ),
            (
                By::Operator,
                170,
                "Bom dia, Carlos! Conseguimos sim, já anotei na ordem de serviço. Assim que o mecânico \
                 avaliar eu te aviso por aqui.",
            ),
            (
                By::Operator,
                60,
                "Carlos, a revisão ficou pronta. O barulho era a borracha da porta ressecada; trocamos sem \
                 custo. Pode retirar a partir das 17h.",
            ),
            (By::Customer, 20, "Perfeito, obrigado! Passo aí umas 17h30. Vocês aceitam Pix?"),
        ],
        assigned: true,
        resolved: false,
    },
    Script {
        lines: &[
            (By::Customer, 45, "Olá! Qual o valor do alinhamento e balanceamento para um carro aro 15?"),
            (By::Customer, 44, "E teria horário amanhã de manhã?"),
        ],
        assigned: false,
        resolved: false,
    },
    Script {
        lines: &[
            (
                By::Customer,
                3 * 24 * 60,
                "Boa tarde, a nota fiscal do serviço dos freios ainda não chegou no meu e-mail.",
            ),
            (
                By::Admin,
                3 * 24 * 60 - 15,
                "Boa tarde! Reenviamos agora mesmo; confira também a caixa de spam, por favor.",
            ),
            (By::Customer, 3 * 24 * 60 - 40, "Chegou, obrigado!"),
        ],
        assigned: false,
        resolved: true,
    },
];

/// Writes the demo conversations: the first is the demo customer's (`carlos`, who writes as
/// `carlos_actor`); the next two are of `cars[1]` and `cars[2]`'s customers, given a portal login
/// each (their e-mail, the demo password) so that they can write.
pub(super) async fn seed(
    conn: &mut Conn<'_>,
    workshop_id: i64,
    admin: &DemoStaff,
    operator: &DemoStaff,
    carlos: (Actor, i64),
    cars: &[DemoCar],
    password: &str,
) -> Result<(), DomainError> {
    let now = Utc::now();
    let mut customers = vec![carlos];
    for car in cars.iter().skip(1).take(2) {
        customers.push(portal_login(conn, workshop_id, &admin.actor, car.customer_id, password).await?);
    }
    for (script, (actor, customer_id)) in SCRIPTS.iter().zip(customers) {
        let customer =
            ChatAuthor { actor, role: Role::Customer, viewer: ChatViewer::Customer { customer_id } };
        let mut conversation = None;
        for (by, minutes_ago, body) in script.lines {
            let at = now - Duration::minutes(*minutes_ago);
            let staff = match by {
                By::Customer => None,
                By::Operator => Some(operator),
                By::Admin => Some(admin),
            };
            let author = match staff {
                None => customer.clone(),
                Some(s) => ChatAuthor {
                    actor: s.actor.clone(),
                    role: s.role,
                    viewer: ChatViewer::Staff { membership_id: s.membership_id },
                },
            };
            // Each side reads what the other wrote before it answers.
            if let Some(id) = conversation {
                Conversation::mark_read(conn, workshop_id, &author.actor, author.viewer, id, at).await?;
            }
            let sent = ChatMessage::send(conn, workshop_id, &author, conversation, body, at).await?.value;
            conversation = Some(sent.conversation_id);
        }
        let Some(id) = conversation else { continue };
        if script.assigned {
            Conversation::assign(conn, workshop_id, &admin.actor, id, Some(operator.membership_id)).await?;
        }
        if script.resolved {
            let read_at = now - Duration::minutes(script.lines[script.lines.len() - 1].1 - 5);
            read_and_resolve(conn, workshop_id, admin, id, read_at).await?;
        }
    }
    Ok(())
}

/// The administrator reads conversation `id` at `at` and resolves it.
async fn read_and_resolve(
    conn: &mut Conn<'_>,
    workshop_id: i64,
    admin: &DemoStaff,
    id: i64,
    at: DateTime<Utc>,
) -> Result<(), DomainError> {
    let viewer = ChatViewer::Staff { membership_id: admin.membership_id };
    Conversation::mark_read(conn, workshop_id, &admin.actor, viewer, id, at).await?;
    Conversation::resolve(conn, workshop_id, &admin.actor, id).await?;
    Ok(())
}

/// Gives customer `customer_id` a portal login with their first e-mail and `password`; returns
/// who they act as, and the customer.
async fn portal_login(
    conn: &mut Conn<'_>,
    workshop_id: i64,
    actor: &Actor,
    customer_id: i64,
    password: &str,
) -> Result<(Actor, i64), DomainError> {
    let details = Customer::details(conn, workshop_id, &[customer_id]).await?;
    let details = details.get(&customer_id).ok_or(DomainError::NotFound)?;
    let email = details.emails.first().ok_or(DomainError::NotFound)?;
    let login = AddStaffInput {
        name: details.customer.name.clone(),
        email: email.clone(),
        password: password.into(),
        role: Role::Customer,
    };
    let added = Membership::add(conn, workshop_id, actor, login).await?.value;
    link_customer(conn, workshop_id, actor, added.membership.id, customer_id).await?;
    Ok((Actor::from(&added.user), customer_id))
}
