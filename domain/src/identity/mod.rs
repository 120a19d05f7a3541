//! Identity and tenancy: workshops, users, memberships (role per workshop) and sessions, and
//! portal access: invitations to the customer portal and password resets, and API tokens for
//! integrators.

mod api_token;
pub mod events;
mod membership;
mod models;
mod portal;
pub(crate) mod secret;
mod session;
mod token;
mod user;
mod workshop;

pub use api_token::{
    API_TOKEN_PREFIX, ApiToken, ApiTokenGrant, ApiTokenInput, ApiTokenScope, CreatedApiToken,
};
pub use membership::{AddStaffInput, StaffMember};
pub use models::{Membership, Role, User, Workshop};
pub use portal::{INVITATION_LIFETIME, PASSWORD_RESET_LIFETIME};
pub use session::{Principal, SignedIn};
pub use token::{OneTimeToken, TokenPurpose};
pub use workshop::RegisterWorkshopInput;
