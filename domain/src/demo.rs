//! The demo workshop seeded on the first start of an empty database, so a new install can be tried at once:
//! a login per role, about forty customers with their vehicles, a catalog of parts and labour, and
//! service orders in every status (some on the demo mechanic's bench) with their customers' NPS
//! answers, an agenda of appointments, chat conversations in the staff inbox, one customer
//! anonymised on request (LGPD): a pseudonym with their car and appointments kept, and a partner
//! car wash with offers, promo codes, a redemption and its commission ledger.

mod appointments;
mod catalog;
mod chat;
mod customers;
mod loyalty;
mod nps;
mod orders;
mod partners;
mod privacy;

use diesel::prelude::*;
use diesel_async::RunQueryDsl;

use crate::DomainError;
use crate::audit::{Actor, Committed, NewEvent};
use crate::crm::{Customer, CustomerInput, Fuel, PhoneInput, PhoneKind, Vehicle, VehicleInput, VehicleKind};
use crate::db::Conn;
use crate::identity::events::{CUSTOMER_LINKED, CustomerLinked};
use crate::identity::{
    AddStaffInput, GoogleAccount, LinkedGoogle, Membership, RegisterWorkshopInput, Role, Workshop,
};
use crate::schema::memberships;

/// A login the demo creates, printed at start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoLogin {
    pub role: Role,
    pub email: &'static str,
    pub password: &'static str,
}

/// Every demo login shares this password.
const DEMO_PASSWORD: &str = "oficina-demo";

const DEMO_MEMBERS: [(Role, &str, &str); 4] = [
    (Role::Operator, "Olívia Operadora", "operador@demo.oficina.app"),
    (Role::Mechanic, "Márcia Mecânica", "mecanica@demo.oficina.app"),
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
        RegisterWorkshopInput {
            workshop_name: "Oficina Demonstração".into(),
            cnpj: "11.222.333/0001-81".into(),
            admin_name: "Ana Administradora".into(),
            email: admin_email.into(),
            password: DEMO_PASSWORD.into(),
        },
    )
    .await?
    .value;
    let actor = Actor::from(&registered.user);
    let mut logins = vec![DemoLogin { role: Role::Admin, email: admin_email, password: DEMO_PASSWORD }];
    let workshop_id = registered.workshop.id;
    let admin =
        chat::DemoStaff { actor: actor.clone(), role: Role::Admin, membership_id: registered.membership.id };
    let (mut mechanic, mut demo_car, mut operator, mut carlos) = (None, None, None, None);
    let mut partner_login = None;
    for (role, name, email) in DEMO_MEMBERS {
        if role == Role::Partner {
            // Added with its partner record once the customers exist (partners::seed).
            partner_login = Some(partners::DemoPartnerLogin { name, email, password: DEMO_PASSWORD });
            logins.push(DemoLogin { role, email, password: DEMO_PASSWORD });
            continue;
        }
        let member =
            AddStaffInput { name: name.into(), email: email.into(), password: DEMO_PASSWORD.into(), role };
        let added = Membership::add(conn, workshop_id, &actor, member).await?.value;
        match role {
            Role::Customer => {
                let car = link_demo_customer(conn, workshop_id, &actor, added.membership.id).await?;
                // Carlos also signs in with Google: the portal shows the linked account.
                let google = GoogleAccount {
                    subject: "demo-google-carlos".into(),
                    email: "carlos.cliente@gmail.com".into(),
                };
                LinkedGoogle::link(conn, &added.user, workshop_id, &google).await?;
                carlos = Some((Actor::from(&added.user), car.customer_id));
                demo_car = Some(car);
            }
            Role::Operator => {
                let (actor, membership_id) = (Actor::from(&added.user), added.membership.id);
                operator = Some(chat::DemoStaff { actor, role, membership_id });
            }
            Role::Mechanic => {
                let actor = Actor::from(&added.user);
                mechanic = Some(orders::DemoMechanic { membership_id: added.membership.id, actor });
            }
            _ => {}
        }
        logins.push(DemoLogin { role, email, password: DEMO_PASSWORD });
    }
    let others = customers::seed(conn, workshop_id, &actor).await?;
    let catalog = catalog::seed(conn, workshop_id, &actor).await?;
    let (Some(mechanic), Some(demo_car), Some(operator), Some(carlos)) =
        (mechanic, demo_car, operator, carlos)
    else {
        return Err(DomainError::Internal(
            "the demo has a mechanic, an operator and a customer login".into(),
        ));
    };
    let erased = customer_to_erase(conn, workshop_id, &actor).await?;
    let erased_id = erased.customer_id;
    let cars: Vec<_> = std::iter::once(demo_car).chain(others).chain([erased]).collect();
    orders::seed(conn, workshop_id, &actor, &mechanic, &catalog, &cars).await?;
    nps::seed(conn, workshop_id).await?;
    loyalty::seed(conn, workshop_id, &actor).await?;
    appointments::seed(conn, workshop_id, &actor, &cars).await?;
    privacy::seed(conn, workshop_id, &actor, &operator, &carlos, &cars).await?;
    chat::seed(conn, workshop_id, &admin, &operator, carlos, &cars, DEMO_PASSWORD).await?;
    Customer::erase(conn, workshop_id, &actor, erased_id, ERASED_NAME).await?;
    if let Some(login) = partner_login {
        partners::seed(conn, workshop_id, &actor, login, &cars).await?;
    }
    Ok(Some(logins))
}

/// The demo customer who asked to be forgotten: registered with a car (the agenda books them),
/// then anonymised once everything is seeded, so the 360 page shows what erasure keeps.
const ERASED_NAME: &str = "Rafael Esquecido";

async fn customer_to_erase(
    conn: &mut Conn<'_>,
    workshop_id: i64,
    actor: &Actor,
) -> Result<orders::DemoCar, DomainError> {
    let input = CustomerInput {
        name: ERASED_NAME.into(),
        document: "390.533.447-05".into(),
        emails: vec!["rafael.esquecido@example.com".into()],
        phones: vec![PhoneInput { ddd: "31".into(), number: "991234567".into(), kind: PhoneKind::Mobile }],
        ..CustomerInput::default()
    };
    let customer = Customer::create(conn, workshop_id, actor, input).await?.value.customer;
    let car = VehicleInput {
        customer_id: customer.id,
        plate: "RFL2B34".into(),
        kind: VehicleKind::Car,
        brand: "Volkswagen".into(),
        model: "Gol".into(),
        year: 2015,
        fuel: Some(Fuel::Flex),
        doors: Some(4),
        color: Some("Branco".into()),
        odometer_km: Some(120_000),
    };
    let vehicle = Vehicle::create(conn, workshop_id, actor, car).await?.value;
    Ok(orders::DemoCar { customer_id: customer.id, vehicle_id: vehicle.id, odometer_km: 120_000 })
}

/// Gives the demo customer login a customer record with a car, so the customer area shows data;
/// returns the car.
async fn link_demo_customer(
    conn: &mut Conn<'_>,
    workshop_id: i64,
    actor: &Actor,
    membership_id: i64,
) -> Result<orders::DemoCar, DomainError> {
    let customer = Customer::create(
        conn,
        workshop_id,
        actor,
        CustomerInput {
            name: "Carlos Cliente".into(),
            document: "248.135.790-60".into(),
            emails: vec!["cliente@demo.oficina.app".into()],
            phones: vec![PhoneInput {
                ddd: "11".into(),
                number: "987654321".into(),
                kind: PhoneKind::Mobile,
            }],
            marketing_consent: true,
            ..CustomerInput::default()
        },
    )
    .await?
    .value
    .customer;
    let car = VehicleInput {
        customer_id: customer.id,
        plate: "DMO1A23".into(),
        kind: VehicleKind::Car,
        brand: "Fiat".into(),
        model: "Argo".into(),
        year: 2021,
        fuel: Some(Fuel::Flex),
        doors: Some(4),
        color: Some("Prata".into()),
        odometer_km: Some(35_000),
    };
    let vehicle_id = Vehicle::create(conn, workshop_id, actor, car).await?.value.id;
    link_customer(conn, workshop_id, actor, membership_id, customer.id).await?;
    Ok(orders::DemoCar { customer_id: customer.id, vehicle_id, odometer_km: 35_000 })
}

/// Links the CUSTOMER membership `membership_id` to its customer record.
async fn link_customer(
    conn: &mut Conn<'_>,
    workshop_id: i64,
    actor: &Actor,
    membership_id: i64,
    customer_id: i64,
) -> Result<(), DomainError> {
    let actor = actor.clone();
    Committed::run(conn, move |tx| {
        Box::pin(async move {
            crate::run!(tx, |c| {
                diesel::update(memberships::table.find(membership_id))
                    .filter(memberships::workshop_id.eq(workshop_id))
                    .set(memberships::customer_id.eq(customer_id))
                    .execute(c)
                    .await
            })?;
            let event = NewEvent::new(CUSTOMER_LINKED, workshop_id, membership_id)
                .by(actor)
                .with(&CustomerLinked { customer_id });
            Ok(((), vec![event]))
        })
    })
    .await?;
    Ok(())
}
