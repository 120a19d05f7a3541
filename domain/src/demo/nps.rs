//! The demo's NPS answers: every finished order answered a day after it was finished, with a mix
//! of promoters, passives and a few detractors, so the report has months to show. The demo's
//! people are made up: the survey e-mails and detractor alerts the seeding queued are taken out
//! of the outbox.

use chrono::{Duration, Utc};
use diesel::prelude::*;
use diesel_async::RunQueryDsl;

use crate::DomainError;
use crate::db::Conn;
use crate::nps::{Answer, answer_as_by_link};
use crate::schema::{events, notifications, nps_responses, service_orders};
use crate::service::{OrderStatus, ServiceOrder};

/// The scores given, in turn, with a comment now and then.
const ANSWERS: [(i32, Option<&str>); 10] = [
    (10, Some("Atendimento excelente, carro entregue no prazo.")),
    (9, None),
    (8, Some("Bom serviço, mas a espera foi longa.")),
    (10, None),
    (5, Some("O orçamento mudou no meio do serviço.")),
    (9, Some("Equipe atenciosa.")),
    (7, None),
    (10, Some("Recomendo!")),
    (3, Some("Tive de voltar por causa do mesmo barulho.")),
    (9, None),
];

/// Answers the finished orders of `workshop_id`.
pub(super) async fn seed(conn: &mut Conn<'_>, workshop_id: i64) -> Result<(), DomainError> {
    let finished: Vec<ServiceOrder> = crate::run!(conn, |c| {
        service_orders::table
            .filter(service_orders::workshop_id.eq(workshop_id))
            .filter(service_orders::status.eq(OrderStatus::Finished))
            .order((service_orders::finished_at.desc(), service_orders::id.desc()))
            .select(ServiceOrder::as_select())
            .load(c)
            .await
    })?;
    let now = Utc::now().naive_utc();
    for (order, (score, comment)) in finished.iter().zip(ANSWERS.iter().cycle()) {
        let answer = Answer { score: *score, comment: comment.map(Into::into) };
        let committed = answer_as_by_link(conn, order, answer).await?;
        let at = order.finished_at.map_or(now, |f| (f + Duration::days(1)).min(now));
        let ids: Vec<i64> = committed.events.iter().map(|e| e.id).collect();
        let response_id = committed.value.id;
        crate::run!(conn, |c| {
            diesel::update(nps_responses::table.find(response_id))
                .set(nps_responses::answered_at.eq(at))
                .execute(c)
                .await
        })?;
        crate::run!(conn, |c| {
            diesel::update(events::table.filter(events::id.eq_any(ids.clone())))
                .set(events::created_at.eq(at))
                .execute(c)
                .await
        })?;
    }
    // The kinds (`Mail::kind`) of the survey e-mails and of the detractor alerts.
    let kinds = ["NPS_SURVEY", "NPS_DETRACTOR"];
    crate::run!(conn, |c| {
        diesel::delete(
            notifications::table
                .filter(notifications::workshop_id.eq(workshop_id))
                .filter(notifications::kind.eq_any(kinds)),
        )
        .execute(c)
        .await
    })?;
    Ok(())
}
