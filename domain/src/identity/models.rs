use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::error::DomainError;
use crate::schema::{memberships, users, workshops};
use crate::types::Cnpj;

crate::text_enum! {
    /// What a membership allows in its workshop.
    pub enum Role {
        Admin => "ADMIN",
        Operator => "OPERATOR",
        Mechanic => "MECHANIC",
        Customer => "CUSTOMER",
        Partner => "PARTNER",
    }
}

impl Role {
    /// The workshop's staff, who work inside it (as opposed to its customers and partners).
    pub const STAFF: &'static [Role] = &[Role::Admin, Role::Operator, Role::Mechanic];
    /// The staff who serve customers at the front desk: administrators and operators.
    pub const FRONT_DESK: &'static [Role] = &[Role::Admin, Role::Operator];

    /// Whether this is a [staff](Role::STAFF) role.
    pub fn is_staff(self) -> bool {
        Role::STAFF.contains(&self)
    }

    /// Who sees a person's whole CPF (and the export's): the [front desk](Role::FRONT_DESK).
    /// Everyone else sees it masked (`***.982.247-**`).
    pub fn sees_full_document(self) -> bool {
        Role::FRONT_DESK.contains(&self)
    }
}

/// A tenant: one auto-repair shop.
#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = workshops, check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct Workshop {
    pub id: i64,
    pub name: String,
    /// The 14 normalized characters.
    pub cnpj: String,
    pub created_at: NaiveDateTime,
    /// The number the workshop's next service order gets.
    pub next_service_order_number: i64,
    /// Whether finishing an order may take a product's stock below zero.
    pub allow_negative_stock: bool,
    /// Whether every staff member must have MFA on to work (one without it can only enrol).
    pub mfa_required: bool,
}

impl Workshop {
    /// The CNPJ with its punctuation, `00.000.000/0000-00`.
    pub fn formatted_cnpj(&self) -> Result<String, DomainError> {
        let cnpj = Cnpj::parse(&self.cnpj)
            .map_err(|why| DomainError::unparsable("workshops", "cnpj", &self.cnpj, why))?;
        Ok(cnpj.to_string())
    }
}

/// A person who can sign in; belongs to workshops through memberships.
#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = users, check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct User {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub password_hash: Option<String>,
    /// `pt-BR` or `en`: the language of the e-mails this user gets.
    pub locale: String,
    pub created_at: NaiveDateTime,
}

/// A user's role in one workshop.
#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = memberships, check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct Membership {
    pub id: i64,
    pub workshop_id: i64,
    pub user_id: i64,
    pub role: Role,
    /// For a CUSTOMER: the customer record this login sees.
    pub customer_id: Option<i64>,
    /// For a PARTNER: the partner record this login acts for.
    pub partner_id: Option<i64>,
    pub created_at: NaiveDateTime,
}

#[derive(Insertable)]
#[diesel(table_name = users)]
pub(crate) struct NewUser<'a> {
    pub name: &'a str,
    pub email: &'a str,
    pub password_hash: Option<&'a str>,
    pub created_at: NaiveDateTime,
}

#[derive(Insertable)]
#[diesel(table_name = memberships)]
pub(crate) struct NewMembership {
    pub workshop_id: i64,
    pub user_id: i64,
    pub role: Role,
    pub customer_id: Option<i64>,
    pub partner_id: Option<i64>,
    pub created_at: NaiveDateTime,
}
