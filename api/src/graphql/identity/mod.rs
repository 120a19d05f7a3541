//! Workshops, sign-in and staff (contract: identity.graphql).

mod inputs;
mod mutation;
mod query;
mod types;

pub use inputs::{AddStaffInput, RegisterWorkshopInput};
pub use mutation::IdentityMutation;
pub use query::IdentityQuery;
pub use types::{AuthPayload, Membership, Role, StaffMember, User};
