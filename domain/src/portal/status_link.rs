//! Status links: staff create them for one service order (and may e-mail one to the customer), and
//! revoke all of an order's at once. A link's token is random (128 bits) and only its hash is
//! stored; the link works while the order is open and for [`LINK_LIFETIME_AFTER_CLOSE`] after it
//! finished or was cancelled, unless revoked.

use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use diesel::prelude::*;
use diesel_async::RunQueryDsl;

use super::events::{LinkCreated, LinksRevoked, STATUS_LINK_CREATED, STATUS_LINKS_REVOKED};
use super::models::StatusLink;
use crate::audit::{Actor, Committed, NewEvent};
use crate::db::Conn;
use crate::error::DomainError;
use crate::identity::secret;
use crate::message::Message;
use crate::notifications::{Mail, Notification, Recipient};
use crate::schema::{customers, service_orders, status_links, vehicles, workshops};
use crate::service::{OrderStatus, OrderViewer, ServiceOrder};
use crate::types::Email;

/// How long a link keeps working after its order finished or was cancelled.
pub const LINK_LIFETIME_AFTER_CLOSE: Duration = Duration::days(7);

/// A new link: its token (only the caller and the e-mail ever hold it) and when it stops working.
#[derive(Debug, Clone)]
pub struct CreatedLink {
    pub token: String,
    /// `None` while the order is open: the link then works until 7 days after it closes.
    pub expires_at: Option<DateTime<Utc>>,
}

#[derive(Insertable)]
#[diesel(table_name = status_links)]
struct NewLink {
    workshop_id: i64,
    service_order_id: i64,
    token_hash: String,
    created_by: i64,
    created_at: NaiveDateTime,
}

impl StatusLink {
    /// When the links of `order` stop working: [`LINK_LIFETIME_AFTER_CLOSE`] after it finished or
    /// was cancelled; `None` while it is open.
    pub fn expires_at(order: &ServiceOrder) -> Option<DateTime<Utc>> {
        let closed_at = match order.status {
            OrderStatus::Quote | OrderStatus::InProgress => return None,
            OrderStatus::Finished => order.finished_at,
            OrderStatus::Cancelled => order.cancelled_at,
        };
        // A closed order always has its time; without one it counts as closed long ago.
        Some((closed_at.unwrap_or_default() + LINK_LIFETIME_AFTER_CLOSE).and_utc())
    }

    /// Creates a link to order `order_id` of `workshop_id`; with `send_email`, the customer's
    /// first e-mail gets it through the outbox (BAD_USER_INPUT on `sendEmail` when the customer
    /// has none). Another workshop's order is NOT_FOUND; an order whose links expired already
    /// (closed more than 7 days ago) is BAD_USER_INPUT.
    pub async fn create(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        actor: &Actor,
        order_id: i64,
        send_email: bool,
        now: DateTime<Utc>,
    ) -> Result<Committed<CreatedLink>, DomainError> {
        let actor = actor.clone();
        Committed::run(conn, move |tx| {
            Box::pin(async move {
                let order = ServiceOrder::find(tx, workshop_id, OrderViewer::FrontDesk, order_id)
                    .await?
                    .ok_or(DomainError::NotFound)?;
                let expires_at = StatusLink::expires_at(&order);
                if expires_at.is_some_and(|at| at <= now) {
                    return Err(DomainError::invalid(
                        "serviceOrderId",
                        Message::new(
                            "Esta ordem foi encerrada há mais de 7 dias: o link de acompanhamento não vale mais.",
                            "This order closed more than 7 days ago: a status link would not work any more.",
                        ),
                    ));
                }
                let token = secret::generate_short();
                let row = NewLink {
                    workshop_id,
                    service_order_id: order.id,
                    token_hash: secret::hash(&token),
                    created_by: actor.user_id,
                    created_at: now.naive_utc(),
                };
                let link_id: i64 = crate::run!(tx, |c| {
                    diesel::insert_into(status_links::table)
                        .values(&row)
                        .returning(status_links::id)
                        .get_result(c)
                        .await
                })?;
                let emailed_to =
                    if send_email { Some(email_link(tx, &order, &token).await?) } else { None };
                let event = NewEvent::new(STATUS_LINK_CREATED, workshop_id, order.id)
                    .by(&actor)
                    .with(&LinkCreated { link_id, emailed_to: emailed_to.as_ref().map(Email::as_str) });
                Ok((CreatedLink { token, expires_at }, vec![event]))
            })
        })
        .await
    }

    /// Revokes every working link of order `order_id` of `workshop_id`; returns how many. Another
    /// workshop's order is NOT_FOUND. Revoking none records nothing.
    pub async fn revoke_all(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        actor: &Actor,
        order_id: i64,
        now: DateTime<Utc>,
    ) -> Result<Committed<usize>, DomainError> {
        let actor = actor.clone();
        Committed::run(conn, move |tx| {
            Box::pin(async move {
                ServiceOrder::find(tx, workshop_id, OrderViewer::FrontDesk, order_id)
                    .await?
                    .ok_or(DomainError::NotFound)?;
                let revoked = crate::run!(tx, |c| {
                    diesel::update(
                        status_links::table
                            .filter(status_links::workshop_id.eq(workshop_id))
                            .filter(status_links::service_order_id.eq(order_id))
                            .filter(status_links::revoked_at.is_null()),
                    )
                    .set(status_links::revoked_at.eq(now.naive_utc()))
                    .execute(c)
                    .await
                })?;
                let events = (revoked > 0).then(|| {
                    NewEvent::new(STATUS_LINKS_REVOKED, workshop_id, order_id)
                        .by(&actor)
                        .with(&LinksRevoked { revoked })
                });
                Ok((revoked, events.into_iter().collect()))
            })
        })
        .await
    }

    /// The link behind `token` and its order, while it works (not revoked, not expired at `now`);
    /// `None` for any other token.
    pub async fn find_working(
        conn: &mut Conn<'_>,
        token: &str,
        now: DateTime<Utc>,
    ) -> QueryResult<Option<(StatusLink, ServiceOrder)>> {
        let found: Option<(StatusLink, ServiceOrder)> = crate::run!(conn, |c| {
            status_links::table
                .inner_join(
                    service_orders::table.on(service_orders::id
                        .eq(status_links::service_order_id)
                        .and(service_orders::workshop_id.eq(status_links::workshop_id))),
                )
                .filter(status_links::token_hash.eq(secret::hash(token)))
                .filter(status_links::revoked_at.is_null())
                .select((StatusLink::as_select(), ServiceOrder::as_select()))
                .first(c)
                .await
                .optional()
        })?;
        Ok(found.filter(|(_, order)| StatusLink::expires_at(order).is_none_or(|at| at > now)))
    }
}

/// Queues the e-mail with the link to `order`'s customer (their first e-mail, in their login's
/// language); returns the address.
async fn email_link(conn: &mut Conn<'_>, order: &ServiceOrder, token: &str) -> Result<Email, DomainError> {
    let Some(to) = Recipient::customer(conn, order.workshop_id, order.customer_id).await? else {
        return Err(DomainError::invalid(
            "sendEmail",
            Message::new(
                "Este cliente não tem e-mail: copie o link e envie por outro meio.",
                "This customer has no e-mail: copy the link and send it some other way.",
            ),
        ));
    };
    let (workshop, customer, plate): (String, String, String) = crate::run!(conn, |c| {
        service_orders::table
            .inner_join(workshops::table)
            .inner_join(customers::table)
            .inner_join(vehicles::table)
            .filter(service_orders::id.eq(order.id))
            .select((workshops::name, customers::name, vehicles::plate))
            .first(c)
            .await
    })?;
    let mail = Mail::StatusLink { workshop, customer, number: order.number, plate };
    Notification::enqueue(conn, order.workshop_id, &to.email, &to.locale, &mail, token).await?;
    Ok(to.email)
}
