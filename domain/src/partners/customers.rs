//! What a partner sees of the customers who hold its offers: the minimum personal data. Name and
//! first name (to greet them), the offer, the code and whether it was redeemed; an e-mail and a
//! phone only of a customer who consented to share them with partners. Never a CPF or an address.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use diesel_async::RunQueryDsl;

use crate::db::Conn;
use crate::schema::{customer_emails, customer_offers, customer_phones, customers, partner_offers};
use crate::search::NameCursor;

/// One customer holding one of the partner's offers.
#[derive(Debug, Clone)]
pub struct PartnerCustomer {
    /// The held offer (customer_offers.id).
    pub id: i64,
    pub name: String,
    pub offer_description: String,
    pub promo_code: String,
    pub redeemed_at: Option<NaiveDateTime>,
    pub valid_until: Option<NaiveDate>,
    /// Only with the customer's consent to share with partners.
    pub email: Option<String>,
    /// `(DDD) number`, only with the customer's consent to share with partners.
    pub phone: Option<String>,
    sort_name: String,
}

impl PartnerCustomer {
    /// The first word of the name, to greet them.
    pub fn first_name(&self) -> &str {
        self.name.split_whitespace().next().unwrap_or_default()
    }

    /// Where the next page starts after this one.
    pub fn cursor(&self) -> NameCursor {
        NameCursor { sort_name: self.sort_name.clone(), id: self.id }
    }
}

/// A page of a partner's customers.
#[derive(Debug, Clone)]
pub struct PartnerCustomerPage {
    pub total: i64,
    pub items: Vec<PartnerCustomer>,
    pub has_next: bool,
}

type Row = (i64, i64, String, String, bool, String, String, Option<NaiveDateTime>, Option<NaiveDate>);

impl PartnerCustomerPage {
    /// The customers holding partner `partner_id`'s offers in `workshop_id`, by name, `first`
    /// after `after`: a count, a page and, when someone on it consented, their first e-mail and
    /// phone (four statements at most).
    pub async fn of_partner(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        partner_id: i64,
        first: i64,
        after: Option<&NameCursor>,
    ) -> QueryResult<PartnerCustomerPage> {
        let total: i64 = crate::run!(conn, |c| {
            customer_offers::table
                .inner_join(partner_offers::table)
                .filter(customer_offers::workshop_id.eq(workshop_id))
                .filter(partner_offers::partner_id.eq(partner_id))
                .count()
                .get_result(c)
                .await
        })?;
        let mut rows: Vec<Row> = crate::run!(conn, |c| {
            let mut query = customer_offers::table
                .inner_join(partner_offers::table)
                .inner_join(customers::table)
                .filter(customer_offers::workshop_id.eq(workshop_id))
                .filter(customers::workshop_id.eq(workshop_id))
                .filter(partner_offers::partner_id.eq(partner_id))
                .order((customers::sort_name, customer_offers::id))
                .limit(first + 1)
                .select((
                    customer_offers::id,
                    customers::id,
                    customers::name,
                    customers::sort_name,
                    customers::partner_sharing_consent,
                    partner_offers::description,
                    customer_offers::promo_code,
                    customer_offers::redeemed_at,
                    partner_offers::valid_until,
                ))
                .into_boxed();
            if let Some(after) = after {
                query = query.filter(customers::sort_name.gt(after.sort_name.clone()).or(
                    customers::sort_name.eq(after.sort_name.clone()).and(customer_offers::id.gt(after.id)),
                ));
            }
            query.load(c).await
        })?;
        let has_next = rows.len() as i64 > first;
        rows.truncate(usize::try_from(first).unwrap_or(0));
        let consenting: Vec<i64> = rows.iter().filter(|r| r.4).map(|r| r.1).collect();
        let (emails, phones) = contacts(conn, workshop_id, &consenting).await?;
        let items = rows
            .into_iter()
            .map(
                |(
                    id,
                    customer_id,
                    name,
                    sort_name,
                    consent,
                    offer_description,
                    promo_code,
                    redeemed_at,
                    valid_until,
                )| {
                    PartnerCustomer {
                        id,
                        name,
                        offer_description,
                        promo_code,
                        redeemed_at,
                        valid_until,
                        email: consent.then(|| emails.get(&customer_id).cloned()).flatten(),
                        phone: consent.then(|| phones.get(&customer_id).cloned()).flatten(),
                        sort_name,
                    }
                },
            )
            .collect();
        Ok(PartnerCustomerPage { total, items, has_next })
    }
}

/// The first e-mail and the first phone of each of `customer_ids` (who consented), in two
/// queries; none when the list is empty.
async fn contacts(
    conn: &mut Conn<'_>,
    workshop_id: i64,
    customer_ids: &[i64],
) -> QueryResult<(HashMap<i64, String>, HashMap<i64, String>)> {
    if customer_ids.is_empty() {
        return Ok(Default::default());
    }
    let emails: Vec<(i64, String)> = crate::run!(conn, |c| {
        customer_emails::table
            .filter(customer_emails::workshop_id.eq(workshop_id))
            .filter(customer_emails::customer_id.eq_any(customer_ids))
            .order((customer_emails::customer_id, customer_emails::position.desc()))
            .select((customer_emails::customer_id, customer_emails::email))
            .load(c)
            .await
    })?;
    let phones: Vec<(i64, String, String)> = crate::run!(conn, |c| {
        customer_phones::table
            .filter(customer_phones::workshop_id.eq(workshop_id))
            .filter(customer_phones::customer_id.eq_any(customer_ids))
            .order((customer_phones::customer_id, customer_phones::position.desc()))
            .select((customer_phones::customer_id, customer_phones::ddd, customer_phones::number))
            .load(c)
            .await
    })?;
    // Ordered by position descending: the last insert of a customer is its first position.
    let emails = emails.into_iter().collect();
    let phones = phones.into_iter().map(|(id, ddd, number)| (id, format!("({ddd}) {number}"))).collect();
    Ok((emails, phones))
}
