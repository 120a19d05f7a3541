//! The demo workshop seeded on the first start of an empty database, so a new install can be tried at once.

use crate::DomainError;
use crate::audit::Actor;
use crate::db::Conn;
use crate::identity::{AddStaff, RegisterWorkshop, Role, Workshop, add_member};

/// A login the demo creates, printed at start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoLogin {
    pub role: Role,
    pub email: &'static str,
    pub password: &'static str,
}

/// Every demo login shares this password.
const DEMO_PASSWORD: &str = "oficina-demo";

const DEMO_MEMBERS: [(Role, &str, &str); 3] = [
    (Role::Operator, "Olívia Operadora", "operador@demo.oficina.app"),
    (Role::Customer, "Carlos Cliente", "cliente@demo.oficina.app"),
    (Role::Partner, "Auto Lavagem Brilho", "parceiro@demo.oficina.app"),
];

/// Seeds the demo workshop when there is no workshop at all; returns its logins, or `None`
/// when the database already had data.
pub async fn seed_if_empty(conn: &mut Conn<'_>) -> Result<Option<Vec<DemoLogin>>, DomainError> {
    if Workshop::any(conn).await? {
        return Ok(None);
    }
    let admin_email = "admin@demo.oficina.app";
    let registered = Workshop::register(
        conn,
        RegisterWorkshop {
            workshop_name: "Oficina Demonstração".into(),
            cnpj: "11.222.333/0001-81".into(),
            admin_name: "Ana Administradora".into(),
            email: admin_email.into(),
            password: DEMO_PASSWORD.into(),
        },
    )
    .await?
    .value;
    let actor = Actor { user_id: registered.user.id, name: registered.user.name.clone() };
    let mut logins = vec![DemoLogin { role: Role::Admin, email: admin_email, password: DEMO_PASSWORD }];
    for (role, name, email) in DEMO_MEMBERS {
        let member =
            AddStaff { name: name.into(), email: email.into(), password: DEMO_PASSWORD.into(), role };
        add_member(conn, registered.workshop.id, &actor, member).await?;
        logins.push(DemoLogin { role, email, password: DEMO_PASSWORD });
    }
    Ok(Some(logins))
}
