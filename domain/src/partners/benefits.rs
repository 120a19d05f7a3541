//! The customer's "Clube de benefícios": the offers handed to them, with their codes; those of a
//! deactivated partner are hidden.

use diesel::prelude::*;
use diesel_async::RunQueryDsl;

use super::models::{CustomerOffer, Partner, PartnerOffer};
use crate::db::Conn;
use crate::schema::{customer_offers, partner_offers, partners};

/// An offer a customer holds, with the offer and its partner.
#[derive(Debug, Clone)]
pub struct Benefit {
    pub held: CustomerOffer,
    pub offer: PartnerOffer,
    pub partner: Partner,
}

impl Benefit {
    /// The offers customer `customer_id` of `workshop_id` holds from active partners, newest
    /// first, in one query.
    pub async fn of_customer(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        customer_id: i64,
    ) -> QueryResult<Vec<Benefit>> {
        let rows: Vec<(CustomerOffer, PartnerOffer, Partner)> = crate::run!(conn, |c| {
            customer_offers::table
                .inner_join(partner_offers::table.inner_join(partners::table))
                .filter(customer_offers::workshop_id.eq(workshop_id))
                .filter(customer_offers::customer_id.eq(customer_id))
                .filter(partners::active.eq(true))
                .order(customer_offers::id.desc())
                .select((CustomerOffer::as_select(), PartnerOffer::as_select(), Partner::as_select()))
                .load(c)
                .await
        })?;
        Ok(rows.into_iter().map(|(held, offer, partner)| Benefit { held, offer, partner }).collect())
    }
}
