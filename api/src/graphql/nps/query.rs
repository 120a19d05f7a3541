//! Reading the NPS: the ADMIN's report and settings, and the e-mailed survey.

use async_graphql::{Context, Object};
use oficina_domain::nps as domain;

use super::mutation::limit_link;
use super::types::{NpsReport, NpsSettings, NpsSurvey};
use crate::auth::{ADMIN, RoleGuard, principal};
use crate::error::ApiError;
use crate::graphql::conn;
use crate::graphql::scalars::Date;

/// The NPS context's part of the query root.
#[derive(Default)]
pub struct NpsQuery;

#[Object]
impl NpsQuery {
    /// ADMIN: the NPS of the answers given between the local dates `from` and `to` (both
    /// included, in the workshop's time zone; at most 731 days). NPS = % promoters (9–10) −
    /// % detractors (0–6), rounded to an integer with halves away from zero; null without answers.
    #[graphql(guard = "RoleGuard(ADMIN)")]
    async fn nps_report(&self, ctx: &Context<'_>, from: Date, to: Date) -> Result<NpsReport, ApiError> {
        let workshop_id = principal(ctx)?.workshop.id;
        let mut pooled = conn(ctx).await?;
        let report = domain::NpsReport::between(&mut pooled.conn(), workshop_id, from.0, to.0).await?;
        Ok(NpsReport { workshop_id, report })
    }

    /// ADMIN: the review link promoters are invited to.
    #[graphql(guard = "RoleGuard(ADMIN)")]
    async fn nps_settings(&self, ctx: &Context<'_>) -> Result<NpsSettings, ApiError> {
        let workshop_id = principal(ctx)?.workshop.id;
        let mut pooled = conn(ctx).await?;
        Ok(NpsSettings { review_url: domain::review_url(&mut pooled.conn(), workshop_id).await? })
    }

    /// Anyone holding an e-mailed survey link (rate limited per client address): NOT_FOUND when
    /// the token is unknown or expired.
    async fn nps_survey(&self, ctx: &Context<'_>, token: String) -> Result<NpsSurvey, ApiError> {
        limit_link(ctx).await?;
        let mut pooled = conn(ctx).await?;
        Ok(domain::survey(&mut pooled.conn(), &token).await?.into())
    }
}
