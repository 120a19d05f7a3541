//! Managing programs (ADMIN) and applying rewards to orders (ADMIN, OPERATOR).

use async_graphql::{Context, ID, Object};
use chrono::Utc;
use oficina_domain::loyalty::{self as domain, ProgramChange};

use super::inputs::LoyaltyProgramInput;
use super::types::{LoyaltyProgram, LoyaltyReward};
use crate::auth::{ADMIN, FRONT_DESK, RoleGuard, principal};
use crate::error::ApiError;
use crate::graphql::{conn, finish, finish_input, from_id};

/// The loyalty context's part of the mutation root.
#[derive(Default)]
pub struct LoyaltyMutation;

/// Pauses, resumes or ends program `id`.
async fn change(ctx: &Context<'_>, id: &ID, change: ProgramChange) -> Result<LoyaltyProgram, ApiError> {
    let p = principal(ctx)?;
    let id = from_id(id)?;
    let mut pooled = conn(ctx).await?;
    let result = domain::LoyaltyProgram::change_status(
        &mut pooled.conn(),
        p.workshop.id,
        &p.actor(),
        id,
        change,
        Utc::now(),
    )
    .await;
    Ok(finish(ctx, result).await?.into())
}

#[Object]
impl LoyaltyMutation {
    /// ADMIN: a new program, ACTIVE from now (orders finished from now on count). At most 20
    /// programs not ended at once.
    #[graphql(guard = "RoleGuard(ADMIN)")]
    async fn create_loyalty_program(
        &self,
        ctx: &Context<'_>,
        input: LoyaltyProgramInput,
    ) -> Result<LoyaltyProgram, ApiError> {
        let p = principal(ctx)?;
        let mut pooled = conn(ctx).await?;
        let result = domain::LoyaltyProgram::create(
            &mut pooled.conn(),
            p.workshop.id,
            &p.actor(),
            input.into(),
            Utc::now(),
        )
        .await;
        Ok(finish_input(ctx, result).await?.into())
    }

    /// ADMIN: changes a program's name, description, thresholds and reward (not its kind:
    /// BAD_USER_INPUT); progress follows at once. An ended program: CONFLICT.
    #[graphql(guard = "RoleGuard(ADMIN)")]
    async fn update_loyalty_program(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: LoyaltyProgramInput,
    ) -> Result<LoyaltyProgram, ApiError> {
        let p = principal(ctx)?;
        let id = from_id(&id)?;
        let mut pooled = conn(ctx).await?;
        let result =
            domain::LoyaltyProgram::update(&mut pooled.conn(), p.workshop.id, &p.actor(), id, input.into())
                .await;
        Ok(finish_input(ctx, result).await?.into())
    }

    /// ADMIN: pauses an ACTIVE program (else CONFLICT): orders finished while paused do not
    /// count and its rewards cannot be applied.
    #[graphql(guard = "RoleGuard(ADMIN)")]
    async fn pause_loyalty_program(&self, ctx: &Context<'_>, id: ID) -> Result<LoyaltyProgram, ApiError> {
        change(ctx, &id, ProgramChange::Pause).await
    }

    /// ADMIN: resumes a PAUSED program (else CONFLICT).
    #[graphql(guard = "RoleGuard(ADMIN)")]
    async fn resume_loyalty_program(&self, ctx: &Context<'_>, id: ID) -> Result<LoyaltyProgram, ApiError> {
        change(ctx, &id, ProgramChange::Resume).await
    }

    /// ADMIN: ends a program for good (ended already: CONFLICT); it leaves the customers' lists.
    #[graphql(guard = "RoleGuard(ADMIN)")]
    async fn end_loyalty_program(&self, ctx: &Context<'_>, id: ID) -> Result<LoyaltyProgram, ApiError> {
        change(ctx, &id, ProgramChange::End).await
    }

    /// ADMIN and OPERATOR: applies the customer's available reward of program `programId` to
    /// their open service order `serviceOrderId` as a discount. No reward available, program not
    /// ACTIVE or order not open: BAD_USER_INPUT; the program's reward on the order already (even
    /// from a concurrent request): CONFLICT.
    #[graphql(guard = "RoleGuard(FRONT_DESK)")]
    async fn apply_loyalty_reward(
        &self,
        ctx: &Context<'_>,
        service_order_id: ID,
        program_id: ID,
    ) -> Result<LoyaltyReward, ApiError> {
        let p = principal(ctx)?;
        let (order_id, program_id) = (from_id(&service_order_id)?, from_id(&program_id)?);
        let mut pooled = conn(ctx).await?;
        let result = domain::LoyaltyReward::apply(
            &mut pooled.conn(),
            p.workshop.id,
            &p.actor(),
            order_id,
            program_id,
            Utc::now(),
        )
        .await;
        Ok(finish(ctx, result).await?.into())
    }

    /// ADMIN and OPERATOR: takes reward `id` off its open order, giving it back to the customer
    /// (cancelling the order does the same); returns the reward removed.
    #[graphql(guard = "RoleGuard(FRONT_DESK)")]
    async fn remove_loyalty_reward(&self, ctx: &Context<'_>, id: ID) -> Result<LoyaltyReward, ApiError> {
        let p = principal(ctx)?;
        let id = from_id(&id)?;
        let mut pooled = conn(ctx).await?;
        let result =
            domain::LoyaltyReward::remove(&mut pooled.conn(), p.workshop.id, &p.actor(), id, Utc::now())
                .await;
        Ok(finish(ctx, result).await?.into())
    }
}
