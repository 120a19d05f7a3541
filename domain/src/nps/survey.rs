//! The survey of a finished order: sent by e-mail when the order is finished, with a link that
//! carries a random token (only its SHA-256 is stored), and what that link shows without sign-in.

use chrono::{DateTime, Duration, Utc};
use diesel::prelude::*;
use diesel_async::RunQueryDsl;

use super::answer::{Answer, record};
use super::models::NpsResponse;
use super::score::Band;
use super::settings::review_url;
use crate::audit::Committed;
use crate::crm::Customer;
use crate::db::Conn;
use crate::error::DomainError;
use crate::identity::secret;
use crate::notifications::{Mail, Notification, Recipient};
use crate::schema::{nps_responses, nps_surveys, service_orders, workshops};
use crate::service::ServiceOrder;

/// How long the e-mailed link works, and how long an unanswered survey shows in the portal.
pub const SURVEY_LIFETIME: Duration = Duration::days(30);

/// What the e-mailed link shows: the order it is about and whether it was answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SurveyView {
    pub workshop_name: String,
    pub order_number: i64,
    pub finished_at: DateTime<Utc>,
    pub answered: bool,
    /// The workshop's review link, once a promoter (9–10) answered; else `None`.
    pub review_url: Option<String>,
}

/// Issues the survey of `order`, just finished, and e-mails its link to the customer (in the
/// finish's transaction); nothing when the customer has no e-mail.
pub(crate) async fn send_survey(conn: &mut Conn<'_>, order: &ServiceOrder) -> Result<(), DomainError> {
    let workshop_id = order.workshop_id;
    let Some(recipient) = Recipient::customer(conn, workshop_id, order.customer_id).await? else {
        return Ok(());
    };
    let customer =
        Customer::find(conn, workshop_id, order.customer_id).await?.ok_or(DomainError::NotFound)?;
    let workshop: String =
        crate::run!(conn, |c| workshops::table.find(workshop_id).select(workshops::name).first(c).await)?;
    let token = secret::generate();
    let now = Utc::now().naive_utc();
    crate::run!(conn, |c| {
        diesel::insert_into(nps_surveys::table)
            .values((
                nps_surveys::workshop_id.eq(workshop_id),
                nps_surveys::service_order_id.eq(order.id),
                nps_surveys::token_hash.eq(secret::hash(&token)),
                nps_surveys::created_at.eq(now),
                nps_surveys::expires_at.eq(now + SURVEY_LIFETIME),
            ))
            .execute(c)
            .await
    })?;
    let mail = Mail::NpsSurvey { workshop, customer: customer.name, order_number: order.number };
    Notification::enqueue(conn, workshop_id, &recipient.email, &recipient.locale, &mail, &token).await?;
    Ok(())
}

/// The finished order behind an unexpired survey token and its workshop's name; NOT_FOUND for
/// an unknown or expired token.
async fn order_of_token(conn: &mut Conn<'_>, token: &str) -> Result<(ServiceOrder, String), DomainError> {
    let now = Utc::now().naive_utc();
    let found: Option<(ServiceOrder, String)> = crate::run!(conn, |c| {
        nps_surveys::table
            .inner_join(service_orders::table.inner_join(workshops::table))
            .filter(nps_surveys::token_hash.eq(secret::hash(token)))
            .filter(nps_surveys::expires_at.gt(now))
            .filter(service_orders::workshop_id.eq(nps_surveys::workshop_id))
            .select((ServiceOrder::as_select(), workshops::name))
            .first(c)
            .await
            .optional()
    })?;
    found.ok_or(DomainError::NotFound)
}

/// What the link of `order` shows, given its answer (if any).
async fn view(
    conn: &mut Conn<'_>,
    order: &ServiceOrder,
    workshop_name: String,
    answer: Option<&NpsResponse>,
) -> Result<SurveyView, DomainError> {
    let promoter = answer.is_some_and(|a| a.band() == Band::Promoter);
    let review_url = if promoter { review_url(conn, order.workshop_id).await? } else { None };
    Ok(SurveyView {
        workshop_name,
        order_number: order.number,
        finished_at: order.finished_at.unwrap_or(order.updated_at).and_utc(),
        answered: answer.is_some(),
        review_url,
    })
}

/// The survey behind an e-mailed token; NOT_FOUND when unknown or expired.
pub async fn survey(conn: &mut Conn<'_>, token: &str) -> Result<SurveyView, DomainError> {
    let (order, workshop_name) = order_of_token(conn, token).await?;
    let answer: Option<NpsResponse> = crate::run!(conn, |c| {
        nps_responses::table
            .filter(nps_responses::workshop_id.eq(order.workshop_id))
            .filter(nps_responses::service_order_id.eq(order.id))
            .select(NpsResponse::as_select())
            .first(c)
            .await
            .optional()
    })?;
    view(conn, &order, workshop_name, answer.as_ref()).await
}

/// Answers the survey behind an e-mailed token, without sign-in: NOT_FOUND when the token is
/// unknown or expired, CONFLICT when the order was answered already.
pub async fn answer_by_token(
    conn: &mut Conn<'_>,
    token: &str,
    answer: Answer,
) -> Result<Committed<SurveyView>, DomainError> {
    let answer = answer.validated()?;
    let token = token.to_owned();
    Committed::run(conn, move |tx| {
        Box::pin(async move {
            let (order, workshop_name) = order_of_token(tx, &token).await?;
            let (response, events) = record(tx, &order, answer, None).await?;
            Ok((view(tx, &order, workshop_name, Some(&response)).await?, events))
        })
    })
    .await
}
