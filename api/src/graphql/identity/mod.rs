//! Workshops, sign-in and staff (contract: identity.graphql); MFA, the sign-in history and API
//! tokens (security.graphql).

mod api_tokens;
mod inputs;
mod mfa;
mod mutation;
mod query;
mod types;

pub use api_tokens::{ApiTokenMutation, ApiTokenQuery};
pub use inputs::{AddStaffInput, RegisterWorkshopInput};
pub use mfa::{MfaMutation, MfaQuery};
pub use mutation::IdentityMutation;
pub use query::IdentityQuery;
pub use types::{AuthPayload, Membership, Role, StaffMember, User};
