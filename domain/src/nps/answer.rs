//! Answering the survey of a finished order, once per order: by its customer from the portal, or
//! by anyone holding the e-mailed link ([`super::answer_by_token`]). A detractor's answer alerts
//! the workshop's admins by e-mail in the same transaction.

use chrono::Utc;
use diesel::prelude::*;
use diesel_async::RunQueryDsl;

use super::events::{self as event, DetractorAlerted, NPS_ANSWERED, NPS_DETRACTOR_ALERTED};
use super::models::NpsResponse;
use super::score::Band;
use super::settings::review_url;
use crate::audit::{Actor, Committed, NewEvent};
use crate::crm::Customer;
use crate::db::Conn;
use crate::error::{DomainError, on_unique_violation};
use crate::message::Message;
use crate::notifications::{Mail, Notification, Recipient};
use crate::schema::{nps_responses, workshops};
use crate::service::{OrderStatus, OrderViewer, ServiceOrder};

/// The longest comment, in characters.
pub const COMMENT_MAX: usize = 1000;

/// An answer as given: 0 to 10 and an optional comment.
#[derive(Debug, Clone)]
pub struct Answer {
    pub score: i32,
    pub comment: Option<String>,
}

impl Answer {
    /// The answer with its comment trimmed (an empty one is none); BAD_USER_INPUT on `score`
    /// outside 0..=10 or on `comment` over [`COMMENT_MAX`] characters.
    pub(super) fn validated(self) -> Result<Answer, DomainError> {
        if !(0..=10).contains(&self.score) {
            return Err(DomainError::invalid(
                "score",
                Message::new("A nota vai de 0 a 10.", "The score goes from 0 to 10."),
            ));
        }
        let comment = self.comment.as_deref().map(str::trim).filter(|c| !c.is_empty()).map(str::to_owned);
        if comment.as_ref().is_some_and(|c| c.chars().count() > COMMENT_MAX) {
            return Err(DomainError::invalid("comment", Message::too_long(COMMENT_MAX)));
        }
        Ok(Answer { score: self.score, comment })
    }
}

/// A stored answer, its order and, for a promoter's, the workshop's review link to invite them to.
#[derive(Debug, Clone)]
pub struct Answered {
    pub response: NpsResponse,
    pub order: ServiceOrder,
    pub review_url: Option<String>,
}

impl NpsResponse {
    /// Customer `customer_id` answers the survey of their order `order_id`: another customer's
    /// (or workshop's) order is NOT_FOUND, an order not FINISHED is BAD_USER_INPUT on
    /// `serviceOrderId`, a second answer is a CONFLICT.
    pub async fn answer(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        actor: &Actor,
        customer_id: i64,
        order_id: i64,
        answer: Answer,
    ) -> Result<Committed<Answered>, DomainError> {
        let answer = answer.validated()?;
        let actor = actor.clone();
        Committed::run(conn, move |tx| {
            Box::pin(async move {
                let order =
                    ServiceOrder::find(tx, workshop_id, OrderViewer::Customer { customer_id }, order_id)
                        .await?
                        .ok_or(DomainError::NotFound)?;
                if order.status != OrderStatus::Finished {
                    return Err(DomainError::invalid(
                        "serviceOrderId",
                        Message::new(
                            "Só é possível avaliar uma ordem de serviço finalizada.",
                            "Only a finished service order can be rated.",
                        ),
                    ));
                }
                let (response, events) = record(tx, &order, answer, Some(&actor)).await?;
                let review_url = match response.band() {
                    Band::Promoter => review_url(tx, workshop_id).await?,
                    _ => None,
                };
                Ok((Answered { response, order, review_url }, events))
            })
        })
        .await
    }
}

/// Answers the survey of `order` (finished) as through its e-mailed link, with no actor: for
/// the demo workshop, whose customers have no logins.
pub(crate) async fn answer_as_by_link(
    conn: &mut Conn<'_>,
    order: &ServiceOrder,
    answer: Answer,
) -> Result<Committed<NpsResponse>, DomainError> {
    let answer = answer.validated()?;
    let order = order.clone();
    Committed::run(conn, move |tx| Box::pin(async move { record(tx, &order, answer, None).await })).await
}

/// Stores the answer to `order` (finished), with its mechanic, and alerts the admins of a
/// detractor's; returns it with its events. The unique index on the order makes a second answer,
/// even a concurrent one, a CONFLICT.
pub(super) async fn record(
    conn: &mut Conn<'_>,
    order: &ServiceOrder,
    answer: Answer,
    actor: Option<&Actor>,
) -> Result<(NpsResponse, Vec<NewEvent>), DomainError> {
    let (workshop_id, now) = (order.workshop_id, Utc::now().naive_utc());
    let response: NpsResponse = crate::run!(conn, |c| {
        diesel::insert_into(nps_responses::table)
            .values((
                nps_responses::workshop_id.eq(workshop_id),
                nps_responses::service_order_id.eq(order.id),
                nps_responses::customer_id.eq(order.customer_id),
                nps_responses::mechanic_id.eq(order.mechanic_id),
                nps_responses::score.eq(answer.score),
                nps_responses::comment.eq(answer.comment.as_deref()),
                nps_responses::answered_at.eq(now),
            ))
            .returning(NpsResponse::as_returning())
            .get_result(c)
            .await
    })
    .map_err(on_unique_violation(
        "serviceOrderId",
        Message::new(
            "Esta ordem de serviço já foi avaliada. Obrigado!",
            "This service order was rated already. Thank you!",
        ),
    ))?;
    let by = |event: NewEvent| match actor {
        Some(actor) => event.by(actor),
        None => event,
    };
    let mut events = vec![by(NewEvent::new(NPS_ANSWERED, workshop_id, response.id).with(&event::Answered {
        customer_id: order.customer_id,
        service_order_id: order.id,
        score: response.score,
        band: response.band(),
        by_link: actor.is_none(),
    }))];
    if response.band() == Band::Detractor {
        let admins = alert_admins(conn, order, &response).await?;
        events.push(by(NewEvent::new(NPS_DETRACTOR_ALERTED, workshop_id, response.id).with(
            &DetractorAlerted {
                customer_id: order.customer_id,
                service_order_id: order.id,
                score: response.score,
                admins,
            },
        )));
    }
    Ok((response, events))
}

/// E-mails every ADMIN of the order's workshop about a detractor's answer; returns how many.
async fn alert_admins(
    conn: &mut Conn<'_>,
    order: &ServiceOrder,
    response: &NpsResponse,
) -> Result<usize, DomainError> {
    let workshop_id = order.workshop_id;
    let admins = Recipient::admins(conn, workshop_id).await?;
    let customer =
        Customer::find(conn, workshop_id, order.customer_id).await?.ok_or(DomainError::NotFound)?;
    let workshop: String =
        crate::run!(conn, |c| workshops::table.find(workshop_id).select(workshops::name).first(c).await)?;
    let mail = Mail::NpsDetractor {
        workshop,
        customer: customer.name,
        order_number: order.number,
        score: response.score,
        comment: response.comment.clone(),
    };
    for admin in &admins {
        Notification::enqueue_at(conn, workshop_id, &admin.email, &admin.locale, &mail, None, Utc::now())
            .await?;
    }
    Ok(admins.len())
}
