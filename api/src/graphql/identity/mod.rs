//! Workshops, sign-in and staff (contract: identity.graphql); MFA and the sign-in history
//! (security.graphql).

mod inputs;
mod mfa;
mod mutation;
mod query;
mod types;

pub use inputs::{AddStaffInput, RegisterWorkshopInput};
pub use mfa::{MfaMutation, MfaQuery};
pub use mutation::IdentityMutation;
pub use query::IdentityQuery;
pub use types::{AuthPayload, Membership, Role, StaffMember, User};
