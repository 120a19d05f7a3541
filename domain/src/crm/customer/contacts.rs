//! A customer's e-mails, phones and addresses: written as a whole with the customer.

use diesel::prelude::*;
use diesel_async::RunQueryDsl;

use super::input::ValidCustomer;
use crate::crm::models::Customer;
use crate::db::Conn;
use crate::schema::{customer_addresses, customer_emails, customer_phones};
use crate::types::Text;

/// Writes a customer's e-mails, phones and addresses, replacing what was there.
pub(super) async fn replace_contacts(
    conn: &mut Conn<'_>,
    customer: &Customer,
    valid: &ValidCustomer,
) -> QueryResult<()> {
    let (workshop_id, customer_id) = (customer.workshop_id, customer.id);
    let emails: Vec<_> = valid
        .emails
        .iter()
        .enumerate()
        .map(|(i, e)| {
            (
                customer_emails::workshop_id.eq(workshop_id),
                customer_emails::customer_id.eq(customer_id),
                customer_emails::position.eq(i as i32),
                customer_emails::email.eq(e.as_str()),
            )
        })
        .collect();
    let phones: Vec<_> = valid
        .phones
        .iter()
        .enumerate()
        .map(|(i, (p, kind))| {
            (
                customer_phones::workshop_id.eq(workshop_id),
                customer_phones::customer_id.eq(customer_id),
                customer_phones::position.eq(i as i32),
                customer_phones::ddd.eq(p.ddd.as_str()),
                customer_phones::number.eq(p.number.as_str()),
                customer_phones::kind.eq(*kind),
            )
        })
        .collect();
    let addresses: Vec<_> = valid
        .addresses
        .iter()
        .enumerate()
        .map(|(i, a)| {
            (
                customer_addresses::workshop_id.eq(workshop_id),
                customer_addresses::customer_id.eq(customer_id),
                customer_addresses::position.eq(i as i32),
                customer_addresses::kind.eq(a.kind),
                customer_addresses::street.eq(a.street.as_str()),
                customer_addresses::number.eq(a.number.as_str()),
                customer_addresses::district.eq(a.district.as_str()),
                customer_addresses::complement.eq(a.complement.as_ref().map(Text::as_str)),
                customer_addresses::city.eq(a.city.as_str()),
                customer_addresses::state.eq(a.state.as_str()),
                customer_addresses::cep.eq(a.cep.to_string()),
            )
        })
        .collect();
    crate::run!(conn, |c| {
        diesel::delete(
            customer_emails::table
                .filter(customer_emails::workshop_id.eq(workshop_id))
                .filter(customer_emails::customer_id.eq(customer_id)),
        )
        .execute(c)
        .await?;
        diesel::delete(
            customer_phones::table
                .filter(customer_phones::workshop_id.eq(workshop_id))
                .filter(customer_phones::customer_id.eq(customer_id)),
        )
        .execute(c)
        .await?;
        diesel::delete(
            customer_addresses::table
                .filter(customer_addresses::workshop_id.eq(workshop_id))
                .filter(customer_addresses::customer_id.eq(customer_id)),
        )
        .execute(c)
        .await?;
        // Row by row: a customer has a handful of contacts, and SQLite's batch insert takes no tuples.
        for row in emails {
            diesel::insert_into(customer_emails::table).values(row).execute(c).await?;
        }
        for row in phones {
            diesel::insert_into(customer_phones::table).values(row).execute(c).await?;
        }
        for row in addresses {
            diesel::insert_into(customer_addresses::table).values(row).execute(c).await?;
        }
        Ok(())
    })
}
