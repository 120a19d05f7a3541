//! The ADMIN's partners: adding one (with its login), changing it, deactivating it.

use chrono::Utc;
use diesel::prelude::*;
use diesel_async::RunQueryDsl;

use super::events::{
    PARTNER_CREATED, PARTNER_DEACTIVATED, PARTNER_UPDATED, PartnerDeactivated, PartnerSnapshot,
};
use super::models::Partner;
use crate::audit::{Actor, Committed, NewEvent, one_row};
use crate::db::Conn;
use crate::error::DomainError;
use crate::identity::{User, create_partner_login, revoke_partner_sessions};
use crate::message::Message;
use crate::schema::partners;
use crate::types::{Email, Password, Text};

/// The longest partner name.
pub const NAME_MAX: usize = 120;
const NAME_MISSING: Message = Message::new("Informe o nome do parceiro.", "Enter the partner's name.");
const EMAIL_TAKEN: Message =
    Message::new("Já existe uma conta com este e-mail.", "An account with this e-mail exists already.");

/// A new partner as the ADMIN types it: its login signs in with `email` and `password`.
#[derive(Debug, Clone)]
pub struct PartnerInput {
    pub name: String,
    pub email: String,
    pub password: String,
    /// 0 to 100, at most two decimals.
    pub commission_percent: f64,
}

/// What the ADMIN may change on a partner; `None` keeps the value.
#[derive(Debug, Clone, Default)]
pub struct PartnerUpdate {
    pub name: Option<String>,
    pub commission_percent: Option<f64>,
}

/// `percent` in hundredths (10.5 → 1050), or BAD_USER_INPUT on `commissionPercent`.
fn basis_points(percent: f64) -> Result<i32, DomainError> {
    let scaled = percent * 100.0;
    let rounded = scaled.round();
    if !percent.is_finite() || !(0.0..=10_000.0).contains(&rounded) || (scaled - rounded).abs() > 1e-6 {
        return Err(DomainError::invalid(
            "commissionPercent",
            Message::new(
                "A comissão vai de 0 a 100%, com no máximo duas casas decimais.",
                "The commission goes from 0 to 100%, with at most two decimals.",
            ),
        ));
    }
    // In 0..=10_000 (checked above): the cast is exact.
    Ok(rounded as i32)
}

fn snapshot(partner: &Partner) -> PartnerSnapshot<'_> {
    PartnerSnapshot {
        name: &partner.name,
        email: &partner.email,
        commission_basis_points: partner.commission_basis_points,
        active: partner.active,
    }
}

impl Partner {
    /// The partners of `workshop_id`, active first, then by name.
    pub async fn list(conn: &mut Conn<'_>, workshop_id: i64) -> QueryResult<Vec<Partner>> {
        crate::run!(conn, |c| {
            partners::table
                .filter(partners::workshop_id.eq(workshop_id))
                .order((partners::active.desc(), partners::name, partners::id))
                .select(Partner::as_select())
                .load(c)
                .await
        })
    }

    /// Partner `id` of `workshop_id`.
    pub async fn find(conn: &mut Conn<'_>, workshop_id: i64, id: i64) -> QueryResult<Option<Partner>> {
        crate::run!(conn, |c| {
            partners::table
                .filter(partners::workshop_id.eq(workshop_id))
                .filter(partners::id.eq(id))
                .select(Partner::as_select())
                .first(c)
                .await
                .optional()
        })
    }

    /// The partners `ids` of `workshop_id`, in one query.
    pub async fn many(conn: &mut Conn<'_>, workshop_id: i64, ids: &[i64]) -> QueryResult<Vec<Partner>> {
        crate::run!(conn, |c| {
            partners::table
                .filter(partners::workshop_id.eq(workshop_id))
                .filter(partners::id.eq_any(ids))
                .select(Partner::as_select())
                .load(c)
                .await
        })
    }

    /// Adds a partner to `workshop_id` with its login (a user with a PARTNER membership), able to
    /// sign in at once. BAD_USER_INPUT on a missing or long name, a bad e-mail, a weak password or
    /// a commission outside 0–100%; an e-mail in use is a CONFLICT on `email`.
    pub async fn create(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        actor: &Actor,
        input: PartnerInput,
    ) -> Result<Committed<Partner>, DomainError> {
        let name =
            Text::required(&input.name, NAME_MAX, NAME_MISSING).map_err(DomainError::invalid_at("name"))?;
        let email = Email::parse(&input.email).map_err(DomainError::invalid_at("email"))?;
        let password = Password::parse(&input.password).map_err(DomainError::invalid_at("password"))?;
        let points = basis_points(input.commission_percent)?;
        if User::find_by_email(conn, &email).await?.is_some() {
            return Err(DomainError::conflict("email", EMAIL_TAKEN));
        }
        let hash = password.hash().await?;
        let actor = actor.clone();
        Committed::run(conn, move |tx| {
            Box::pin(async move {
                let now = Utc::now().naive_utc();
                let partner: Partner = crate::run!(tx, |c| {
                    diesel::insert_into(partners::table)
                        .values((
                            partners::workshop_id.eq(workshop_id),
                            partners::name.eq(name.as_str()),
                            partners::email.eq(email.as_str()),
                            partners::commission_basis_points.eq(points),
                            partners::active.eq(true),
                            partners::created_at.eq(now),
                            partners::updated_at.eq(now),
                        ))
                        .returning(Partner::as_returning())
                        .get_result(c)
                        .await
                })?;
                create_partner_login(tx, workshop_id, name.as_str(), &email, &hash.0, partner.id).await?;
                let event = NewEvent::new(PARTNER_CREATED, workshop_id, partner.id)
                    .by(&actor)
                    .with(&snapshot(&partner));
                Ok((partner, vec![event]))
            })
        })
        .await
    }

    /// Changes partner `id`'s name or commission (an inactive one too). NOT_FOUND for another
    /// workshop's.
    pub async fn update(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        actor: &Actor,
        id: i64,
        input: PartnerUpdate,
    ) -> Result<Committed<Partner>, DomainError> {
        let name = match input.name.as_deref() {
            Some(name) => {
                Some(Text::required(name, NAME_MAX, NAME_MISSING).map_err(DomainError::invalid_at("name"))?)
            }
            None => None,
        };
        let points = input.commission_percent.map(basis_points).transpose()?;
        let actor = actor.clone();
        Committed::run(conn, move |tx| {
            Box::pin(async move {
                let before = Partner::find(tx, workshop_id, id).await?.ok_or(DomainError::NotFound)?;
                let name = name.map_or(before.name.clone(), Text::into_string);
                let points = points.unwrap_or(before.commission_basis_points);
                let now = Utc::now().naive_utc();
                let partner: Partner = crate::run!(tx, |c| {
                    diesel::update(partners::table.find(id).filter(partners::workshop_id.eq(workshop_id)))
                        .set((
                            partners::name.eq(&name),
                            partners::commission_basis_points.eq(points),
                            partners::updated_at.eq(now),
                        ))
                        .returning(Partner::as_returning())
                        .get_result(c)
                        .await
                })?;
                let event =
                    NewEvent::new(PARTNER_UPDATED, workshop_id, id).by(&actor).with(&snapshot(&partner));
                Ok((partner, vec![event]))
            })
        })
        .await
    }

    /// Deactivates partner `id`: its logins' sessions end and cannot open again, and its offers
    /// stop. A partner inactive already is a CONFLICT; another workshop's is NOT_FOUND.
    pub async fn deactivate(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        actor: &Actor,
        id: i64,
    ) -> Result<Committed<Partner>, DomainError> {
        let actor = actor.clone();
        Committed::run(conn, move |tx| {
            Box::pin(async move {
                Partner::find(tx, workshop_id, id).await?.ok_or(DomainError::NotFound)?;
                let now = Utc::now().naive_utc();
                let changed = crate::run!(tx, |c| {
                    diesel::update(
                        partners::table
                            .find(id)
                            .filter(partners::workshop_id.eq(workshop_id))
                            .filter(partners::active.eq(true)),
                    )
                    .set((partners::active.eq(false), partners::updated_at.eq(now)))
                    .execute(c)
                    .await
                })?;
                one_row(changed, || {
                    DomainError::conflict(
                        "id",
                        Message::new(
                            "Este parceiro já está desativado.",
                            "This partner is inactive already.",
                        ),
                    )
                })?;
                let sessions_ended = revoke_partner_sessions(tx, workshop_id, id).await?;
                let partner = Partner::find(tx, workshop_id, id).await?.ok_or(DomainError::NotFound)?;
                let event = NewEvent::new(PARTNER_DEACTIVATED, workshop_id, id)
                    .by(&actor)
                    .with(&PartnerDeactivated { sessions_ended });
                Ok((partner, vec![event]))
            })
        })
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commission_percent_is_kept_in_hundredths() {
        assert_eq!(basis_points(10.0).unwrap(), 1000);
        assert_eq!(basis_points(7.25).unwrap(), 725);
        assert_eq!(basis_points(0.0).unwrap(), 0);
        assert_eq!(basis_points(100.0).unwrap(), 10_000);
        for bad in [-1.0, 100.01, 7.255, f64::NAN, f64::INFINITY] {
            assert!(basis_points(bad).is_err(), "{bad}");
        }
    }
}
