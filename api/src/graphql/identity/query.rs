//! Who is signed in, and the workshop's staff.

use async_graphql::{Context, Object};
use oficina_domain::identity as domain;

use super::{Membership, StaffMember, User};
use crate::auth::{ADMIN, ANYONE_SIGNED_IN, RoleGuard, principal};
use crate::error::ApiError;
use crate::graphql::conn;

/// Identity's part of the query root.
#[derive(Default)]
pub struct IdentityQuery;

#[Object]
impl IdentityQuery {
    /// The signed-in user, with the membership the session acts as.
    #[graphql(guard = "RoleGuard(ANYONE_SIGNED_IN)")]
    async fn me(&self, ctx: &Context<'_>) -> Result<User, ApiError> {
        let p = principal(ctx)?;
        Ok(User {
            user: p.user.clone(),
            current: Membership { membership: p.membership.clone(), workshop: p.workshop.clone() },
        })
    }

    /// ADMIN: the staff of the workshop (ADMIN, OPERATOR, MECHANIC).
    #[graphql(guard = "RoleGuard(ADMIN)")]
    async fn staff(&self, ctx: &Context<'_>) -> Result<Vec<StaffMember>, ApiError> {
        let p = principal(ctx)?;
        let mut pooled = conn(ctx).await?;
        let staff = domain::StaffMember::list(&mut pooled.conn(), p.workshop.id).await?;
        Ok(staff.into_iter().map(StaffMember::from).collect())
    }
}
