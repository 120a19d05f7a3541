//! Workshops, sign-in and staff (contract: identity.graphql); MFA, the sign-in history and API
//! tokens (security.graphql); sign in with Google.

mod api_tokens;
mod google;
mod inputs;
mod mfa;
mod mutation;
mod query;
mod types;

pub use api_tokens::{ApiTokenMutation, ApiTokenQuery};
pub use google::{GoogleMutation, GoogleQuery, GoogleSignIn};
pub use inputs::{AddStaffInput, RegisterWorkshopInput};
pub use mfa::{MfaMutation, MfaQuery};
pub use mutation::IdentityMutation;
pub use query::IdentityQuery;
pub use types::{AuthPayload, Membership, Role, StaffMember, User};
