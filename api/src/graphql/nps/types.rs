//! NPS answers, surveys and reports as clients see them.

use async_graphql::dataloader::DataLoader;
use async_graphql::{Context, ID, Object, SimpleObject};
use chrono::{DateTime, Utc};
use oficina_domain::nps as domain;

use crate::error::ApiError;
use crate::graphql::scalars::Date;
use crate::graphql::service::loaders::MechanicOf;
use crate::graphql::service::{Mechanic, ServiceLoader, ServiceOrder};
use crate::graphql::{conn, to_id};

/// An answer to the survey of a finished service order.
pub struct NpsAnswer {
    pub(super) response: domain::NpsResponse,
    pub(super) order: oficina_domain::service::ServiceOrder,
    pub(super) review_url: Option<String>,
}

/// An answer to the survey of a finished service order.
#[Object]
impl NpsAnswer {
    async fn id(&self) -> ID {
        to_id(self.response.id)
    }
    /// 0 to 10.
    async fn score(&self) -> i32 {
        self.response.score
    }
    async fn comment(&self) -> Option<&str> {
        self.response.comment.as_deref()
    }
    async fn answered_at(&self) -> DateTime<Utc> {
        self.response.answered()
    }
    async fn service_order(&self) -> ServiceOrder {
        ServiceOrder(self.order.clone())
    }
    /// For a promoter's answer (9–10) just given: the workshop's review link to invite them to;
    /// else null.
    async fn review_url(&self) -> Option<&str> {
        self.review_url.as_deref()
    }
}

/// A finished order of the last 30 days whose survey is not answered yet.
pub struct PendingNps(pub(super) oficina_domain::service::ServiceOrder);

/// A finished order of the last 30 days whose survey is not answered yet.
#[Object]
impl PendingNps {
    async fn service_order(&self) -> ServiceOrder {
        ServiceOrder(self.0.clone())
    }
}

/// The surveys customer `customer_id` has still to answer, newest first (for `Customer.pendingNps`).
pub async fn pending_of_customer(
    ctx: &Context<'_>,
    workshop_id: i64,
    customer_id: i64,
) -> Result<Vec<PendingNps>, ApiError> {
    let mut pooled = conn(ctx).await?;
    let orders = domain::pending_surveys(&mut pooled.conn(), workshop_id, customer_id, Utc::now()).await?;
    Ok(orders.into_iter().map(PendingNps).collect())
}

/// The NPS of one local month.
#[derive(SimpleObject)]
pub struct NpsMonth {
    /// Its first day.
    month: Date,
    /// Null when responses = 0.
    nps: Option<i32>,
    responses: i64,
}

impl From<&domain::MonthScore> for NpsMonth {
    fn from(m: &domain::MonthScore) -> Self {
        Self { month: Date(m.month), nps: m.tally.nps(), responses: m.tally.responses() }
    }
}

/// The NPS of the orders of one mechanic.
pub struct NpsByMechanic {
    workshop_id: i64,
    score: domain::MechanicScore,
}

/// The NPS of the orders of one mechanic.
#[Object]
impl NpsByMechanic {
    async fn mechanic(&self, ctx: &Context<'_>) -> Result<Mechanic, ApiError> {
        let id = self.score.mechanic_id;
        let name = ctx
            .data_unchecked::<DataLoader<ServiceLoader>>()
            .load_one(MechanicOf { workshop_id: self.workshop_id, id })
            .await
            .map_err(ApiError::Internal)?
            .unwrap_or_default();
        Ok(Mechanic { id: to_id(id), name })
    }
    /// Null when responses = 0.
    async fn nps(&self) -> Option<i32> {
        self.score.tally.nps()
    }
    async fn responses(&self) -> i64 {
        self.score.tally.responses()
    }
    async fn promoters(&self) -> i64 {
        self.score.tally.promoters
    }
    async fn passives(&self) -> i64 {
        self.score.tally.passives
    }
    async fn detractors(&self) -> i64 {
        self.score.tally.detractors
    }
}

/// The NPS over a period.
pub struct NpsReport {
    pub(super) workshop_id: i64,
    pub(super) report: domain::NpsReport,
}

/// The NPS over a period: NPS = % promoters (9–10) − % detractors (0–6), an integer from −100 to
/// 100: round(100 × (promoters − detractors) / responses), a half rounded away from zero
/// (50.5 → 51, −50.5 → −51); null without answers.
#[Object]
impl NpsReport {
    /// Null when responses = 0.
    async fn nps(&self) -> Option<i32> {
        self.report.tally.nps()
    }
    async fn responses(&self) -> i64 {
        self.report.tally.responses()
    }
    async fn promoters(&self) -> i64 {
        self.report.tally.promoters
    }
    async fn passives(&self) -> i64 {
        self.report.tally.passives
    }
    async fn detractors(&self) -> i64 {
        self.report.tally.detractors
    }
    /// Every month the period touches, oldest first, empty ones included.
    async fn by_month(&self) -> Vec<NpsMonth> {
        self.report.by_month.iter().map(NpsMonth::from).collect()
    }
    /// The mechanics whose orders were answered, most answers first.
    async fn by_mechanic(&self) -> Vec<NpsByMechanic> {
        let workshop_id = self.workshop_id;
        self.report
            .by_mechanic
            .iter()
            .map(|score| NpsByMechanic { workshop_id, score: score.clone() })
            .collect()
    }
    /// The latest detractors' answers of the period (up to 10), newest first.
    async fn recent_detractors(&self) -> Vec<NpsAnswer> {
        self.report
            .recent_detractors
            .iter()
            .map(|(response, order)| NpsAnswer {
                response: response.clone(),
                order: order.clone(),
                review_url: None,
            })
            .collect()
    }
}

/// The workshop's NPS settings.
#[derive(SimpleObject)]
pub struct NpsSettings {
    /// Where promoters are invited to review the workshop (https), e.g. its Google review page.
    pub(super) review_url: Option<String>,
}

/// What the e-mailed survey link shows without sign-in.
#[derive(SimpleObject)]
pub struct NpsSurvey {
    workshop_name: String,
    order_number: i64,
    finished_at: DateTime<Utc>,
    answered: bool,
    /// The workshop's review link, once a promoter (9–10) answered; else null.
    review_url: Option<String>,
}

impl From<domain::SurveyView> for NpsSurvey {
    fn from(v: domain::SurveyView) -> Self {
        Self {
            workshop_name: v.workshop_name,
            order_number: v.order_number,
            finished_at: v.finished_at,
            answered: v.answered,
            review_url: v.review_url,
        }
    }
}
