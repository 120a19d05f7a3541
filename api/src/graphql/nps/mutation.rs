//! Answering the survey (from the portal or the e-mailed link) and setting the review link.

use async_graphql::{Context, ID, Object};
use oficina_domain::nps as domain;

use super::types::{NpsAnswer, NpsSettings, NpsSurvey};
use crate::auth::{ADMIN, CUSTOMER, RoleGuard, principal};
use crate::error::ApiError;
use crate::graphql::{client_ip, conn, finish, from_id};
use crate::rate_limit::{NPS_ANSWERS_PER_CUSTOMER, NPS_LINK_PER_IP, RateLimiter};

/// Counts a use of an e-mailed survey link under [`NPS_LINK_PER_IP`] (RATE_LIMITED past it).
pub(super) async fn limit_link(ctx: &Context<'_>) -> Result<(), ApiError> {
    let key = client_ip(ctx).to_string();
    ctx.data_unchecked::<RateLimiter>().count_all(&[(NPS_LINK_PER_IP, &key)]).await
}

/// The NPS context's part of the mutation root.
#[derive(Default)]
pub struct NpsMutation;

#[Object]
impl NpsMutation {
    /// CUSTOMER, once per own FINISHED order: score 0 to 10, comment up to 1,000 characters.
    /// Another customer's order: NOT_FOUND; a second answer: CONFLICT.
    #[graphql(guard = "RoleGuard(CUSTOMER)")]
    async fn answer_nps(
        &self,
        ctx: &Context<'_>,
        service_order_id: ID,
        score: i32,
        comment: Option<String>,
    ) -> Result<NpsAnswer, ApiError> {
        let p = principal(ctx)?;
        let customer_id = p.membership.customer_id.ok_or(ApiError::Forbidden)?;
        let key = p.membership.id.to_string();
        ctx.data_unchecked::<RateLimiter>().count_all(&[(NPS_ANSWERS_PER_CUSTOMER, &key)]).await?;
        let order_id =
            from_id(&service_order_id).map_err(|_| ApiError::NotFoundAt("serviceOrderId".into()))?;
        let mut pooled = conn(ctx).await?;
        let answer = domain::Answer { score, comment };
        let result = domain::NpsResponse::answer(
            &mut pooled.conn(),
            p.workshop.id,
            &p.actor(),
            customer_id,
            order_id,
            answer,
        )
        .await;
        let answered = finish(ctx, result).await.map_err(|e| match e {
            ApiError::NotFound => ApiError::NotFoundAt("serviceOrderId".into()),
            other => other,
        })?;
        Ok(NpsAnswer { response: answered.response, order: answered.order, review_url: answered.review_url })
    }

    /// Anyone holding the e-mailed survey link (rate limited per client address): the same
    /// rules as answerNps; an unknown or expired token is NOT_FOUND.
    async fn answer_nps_survey(
        &self,
        ctx: &Context<'_>,
        token: String,
        score: i32,
        comment: Option<String>,
    ) -> Result<NpsSurvey, ApiError> {
        limit_link(ctx).await?;
        let mut pooled = conn(ctx).await?;
        let result =
            domain::answer_by_token(&mut pooled.conn(), &token, domain::Answer { score, comment }).await;
        Ok(finish(ctx, result).await?.into())
    }

    /// ADMIN: sets the review link promoters are invited to (https, up to 500 characters); null
    /// or blank clears it.
    #[graphql(guard = "RoleGuard(ADMIN)")]
    async fn update_nps_settings(
        &self,
        ctx: &Context<'_>,
        review_url: Option<String>,
    ) -> Result<NpsSettings, ApiError> {
        let p = principal(ctx)?;
        let mut pooled = conn(ctx).await?;
        let result =
            domain::update_review_url(&mut pooled.conn(), p.workshop.id, &p.actor(), review_url.as_deref())
                .await;
        Ok(NpsSettings { review_url: finish(ctx, result).await? })
    }
}
