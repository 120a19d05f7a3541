//! Who a message goes to: a customer at their first e-mail, in the language of their portal login
//! (pt-BR without one), or a workshop's admins, each in their own language.

use diesel::prelude::*;
use diesel_async::RunQueryDsl;

use crate::db::Conn;
use crate::identity::Role;
use crate::schema::{api_tokens, customer_emails, memberships, users};
use crate::types::Email;

/// The language of messages to someone without a login.
const DEFAULT_LOCALE: &str = "pt-BR";

/// An address and the language to write to it in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recipient {
    pub email: Email,
    /// `pt-BR` or `en`.
    pub locale: String,
}

impl Recipient {
    /// Customer `customer_id` of `workshop_id` at their first e-mail, or `None` without one.
    pub(crate) async fn customer(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        customer_id: i64,
    ) -> QueryResult<Option<Recipient>> {
        let email: Option<String> = crate::run!(conn, |c| {
            customer_emails::table
                .filter(customer_emails::workshop_id.eq(workshop_id))
                .filter(customer_emails::customer_id.eq(customer_id))
                .order(customer_emails::position)
                .select(customer_emails::email)
                .first(c)
                .await
                .optional()
        })?;
        let Some(email) = email.and_then(|e| Email::parse(&e).ok()) else { return Ok(None) };
        let locale: Option<String> = crate::run!(conn, |c| {
            memberships::table
                .inner_join(users::table)
                .filter(memberships::workshop_id.eq(workshop_id))
                .filter(memberships::customer_id.eq(customer_id))
                .select(users::locale)
                .first(c)
                .await
                .optional()
        })?;
        Ok(Some(Recipient { email, locale: locale.unwrap_or_else(|| DEFAULT_LOCALE.to_owned()) }))
    }

    /// Every ADMIN of `workshop_id`, by membership; not the service users of API tokens.
    pub(crate) async fn admins(conn: &mut Conn<'_>, workshop_id: i64) -> QueryResult<Vec<Recipient>> {
        let rows: Vec<(String, String)> = crate::run!(conn, |c| {
            memberships::table
                .inner_join(users::table)
                .filter(memberships::workshop_id.eq(workshop_id))
                .filter(memberships::role.eq(Role::Admin))
                .filter(diesel::dsl::not(diesel::dsl::exists(
                    api_tokens::table.filter(api_tokens::membership_id.eq(memberships::id)),
                )))
                .order(memberships::id)
                .select((users::email, users::locale))
                .load(c)
                .await
        })?;
        Ok(rows
            .into_iter()
            .filter_map(|(email, locale)| Some(Recipient { email: Email::parse(&email).ok()?, locale }))
            .collect())
    }
}
