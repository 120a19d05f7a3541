//! Workshops (tenants): signing one up with its first ADMIN.

use chrono::Utc;
use diesel::prelude::*;
use diesel_async::RunQueryDsl;

use super::events::{WORKSHOP_REGISTERED, WorkshopRegistered};
use super::models::{Membership, Role, User, Workshop};
use super::session::{self, SignedIn};
use super::user::{EMAIL_TAKEN, NAME_MAX, NAME_MISSING};
use crate::audit::{Committed, NewEvent};
use crate::db::Conn;
use crate::error::{DomainError, on_unique_violation};
use crate::message::Message;
use crate::schema::workshops;
use crate::types::{Cnpj, Email, Password, Text};

const CNPJ_TAKEN: Message =
    Message::new("Já existe uma oficina com este CNPJ.", "A workshop with this CNPJ exists already.");

/// A workshop signing up, with the person who becomes its first ADMIN.
pub struct RegisterWorkshopInput {
    pub workshop_name: String,
    pub cnpj: String,
    pub admin_name: String,
    pub email: String,
    pub password: String,
}

impl Workshop {
    /// The workshop `id`.
    pub async fn find(conn: &mut Conn<'_>, id: i64) -> QueryResult<Option<Workshop>> {
        crate::run!(conn, |c| {
            workshops::table.find(id).select(Workshop::as_select()).first(c).await.optional()
        })
    }

    /// The workshop with this CNPJ.
    pub async fn find_by_cnpj(conn: &mut Conn<'_>, cnpj: &Cnpj) -> QueryResult<Option<Workshop>> {
        crate::run!(conn, |c| {
            workshops::table
                .filter(workshops::cnpj.eq(cnpj.as_str()))
                .select(Workshop::as_select())
                .first(c)
                .await
                .optional()
        })
    }

    /// Whether any workshop exists yet (the demo is seeded only into an empty database).
    pub async fn any(conn: &mut Conn<'_>) -> QueryResult<bool> {
        let count: i64 = crate::run!(conn, |c| workshops::table.count().get_result(c).await)?;
        Ok(count > 0)
    }

    /// Registers a workshop with its first ADMIN and signs that person in.
    pub async fn register(
        conn: &mut Conn<'_>,
        input: RegisterWorkshopInput,
    ) -> Result<Committed<SignedIn>, DomainError> {
        let workshop_name = Text::required(&input.workshop_name, NAME_MAX, NAME_MISSING)
            .map_err(DomainError::invalid_at("workshopName"))?;
        let cnpj = Cnpj::parse(&input.cnpj).map_err(DomainError::invalid_at("cnpj"))?;
        let admin_name = Text::required(&input.admin_name, NAME_MAX, NAME_MISSING)
            .map_err(DomainError::invalid_at("adminName"))?;
        let email = Email::parse(&input.email).map_err(DomainError::invalid_at("email"))?;
        let password = Password::parse(&input.password).map_err(DomainError::invalid_at("password"))?;
        if Workshop::find_by_cnpj(conn, &cnpj).await?.is_some() {
            return Err(DomainError::conflict("cnpj", CNPJ_TAKEN));
        }
        if User::find_by_email(conn, &email).await?.is_some() {
            return Err(DomainError::conflict("email", EMAIL_TAKEN));
        }
        let hash = password.hash().await?;
        Committed::run(conn, move |tx| {
            Box::pin(async move {
                let workshop: Workshop = crate::run!(tx, |c| {
                    diesel::insert_into(workshops::table)
                        .values((
                            workshops::name.eq(workshop_name.as_str()),
                            workshops::cnpj.eq(cnpj.as_str()),
                            workshops::created_at.eq(Utc::now().naive_utc()),
                        ))
                        .returning(Workshop::as_returning())
                        .get_result(c)
                        .await
                })
                .map_err(on_unique_violation("cnpj", CNPJ_TAKEN))?;
                crate::scheduling::Calendar::insert_default(tx, workshop.id).await?;
                let user = User::create(tx, admin_name.as_str(), &email, Some(&hash.0)).await?;
                let membership = Membership::create(tx, workshop.id, user.id, Role::Admin, None).await?;
                let event = NewEvent::new(WORKSHOP_REGISTERED, workshop.id, workshop.id).by(&user).with(
                    &WorkshopRegistered { name: &workshop.name, cnpj: &workshop.cnpj, admin: &user.email },
                );
                let (_, token) = session::open(tx, &membership).await?;
                Ok((SignedIn { token, user, membership, workshop }, vec![event]))
            })
        })
        .await
    }
}
