//! The demo's partner: a car wash with two offers, codes handed to customers (Carlos's still to
//! use, another already redeemed), and a commission ledger with an entry of each direction.

use super::orders::DemoCar;
use crate::DomainError;
use crate::audit::Actor;
use crate::crm::VehicleKind;
use crate::db::Conn;
use crate::identity::User;
use crate::partners::{
    Commission, CustomerOffer, Eligibility, OfferInput, Partner, PartnerInput, PartnerOffer, PayableInput,
};
use crate::types::Email;

/// The demo partner's login.
pub(super) struct DemoPartnerLogin {
    pub name: &'static str,
    pub email: &'static str,
    pub password: &'static str,
}

/// Adds the partner, its offers, codes for the first customers (`cars[0]` is Carlos), a
/// redemption and the ledger.
pub(super) async fn seed(
    conn: &mut Conn<'_>,
    workshop_id: i64,
    admin: &Actor,
    login: DemoPartnerLogin,
    cars: &[DemoCar],
) -> Result<(), DomainError> {
    let input = PartnerInput {
        name: login.name.into(),
        email: login.email.into(),
        password: login.password.into(),
        commission_percent: 10.0,
    };
    let partner = Partner::create(conn, workshop_id, admin, input).await?.value;
    let email = Email::parse(login.email).map_err(|m| DomainError::Internal(m.to_string()))?;
    let user = User::find_by_email(conn, &email)
        .await?
        .ok_or_else(|| DomainError::Internal("the demo partner has a login".into()))?;
    let partner_actor = Actor::from(&user);
    let wash = OfferInput {
        partner_id: partner.id,
        description: "Lavagem completa com 20% de desconto".into(),
        discount_percent: Some(20),
        discount_cents: None,
        valid_from: None,
        valid_until: None,
        eligibility: Eligibility::default(),
    };
    let wash = PartnerOffer::create(conn, workshop_id, admin, wash).await?.value;
    let wax = OfferInput {
        partner_id: partner.id,
        description: "R$ 15 de desconto na cristalização da pintura".into(),
        discount_percent: None,
        discount_cents: Some(1500),
        valid_from: None,
        valid_until: None,
        eligibility: Eligibility { vehicle_kind: Some(VehicleKind::Car), ..Eligibility::default() },
    };
    PartnerOffer::create(conn, workshop_id, admin, wax).await?;
    let mut granted = Vec::new();
    let mut seen = Vec::new();
    for car in cars {
        if seen.contains(&car.customer_id) {
            continue;
        }
        seen.push(car.customer_id);
        granted.push(CustomerOffer::grant(conn, workshop_id, admin, car.customer_id, wash.id).await?.value);
        if granted.len() == 6 {
            break;
        }
    }
    // Someone other than Carlos used theirs at the car wash, on a R$ 89,90 wash.
    if let Some(used) = granted.get(1) {
        CustomerOffer::redeem(conn, &partner_actor, &partner, &used.promo_code, 8990).await?;
    }
    let referral = PayableInput {
        partner_id: partner.id,
        amount_cents: 5000,
        description: Some("Indicação de cliente (outubro)".into()),
    };
    let entry = Commission::add_payable(conn, workshop_id, admin, referral).await?.value;
    Commission::settle(conn, workshop_id, admin, entry.id).await?;
    let open = PayableInput {
        partner_id: partner.id,
        amount_cents: 3000,
        description: Some("Indicação de cliente (novembro)".into()),
    };
    Commission::add_payable(conn, workshop_id, admin, open).await?;
    Ok(())
}
