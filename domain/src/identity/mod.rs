//! Identity and tenancy: workshops, users, memberships (role per workshop) and sessions, and
//! portal access: invitations to the customer portal and password resets; MFA for staff (TOTP),
//! the sign-in history, API tokens for integrators, and sign in with Google.

mod api_token;
pub(crate) mod erasure;
pub mod events;
mod google;
mod membership;
mod mfa;
mod mfa_sign_in;
mod models;
mod oauth_flow;
mod portal;
pub(crate) mod secret;
mod session;
mod sign_in_history;
mod token;
mod totp;
mod user;
mod workshop;

pub use api_token::{
    API_TOKEN_PREFIX, ApiToken, ApiTokenGrant, ApiTokenInput, ApiTokenScope, CreatedApiToken,
};
pub use google::{GOOGLE, GoogleAccount, GoogleLinked, LinkedGoogle, SignInMethods, sign_in_with_google};
pub use membership::{AddStaffInput, StaffMember};
pub(crate) use membership::{create_partner_login, revoke_partner_sessions};
pub use mfa::{Mfa, RECOVERY_CODES, TotpEnrolment};
pub use mfa_sign_in::{SignInOutcome, challenge_key, complete_mfa_sign_in};
pub use models::{Membership, Role, User, Workshop};
pub use oauth_flow::{FLOW_LIFETIME, FlowIntent, FlowRefused, OauthFlow, StartedFlow};
pub use portal::{INVITATION_LIFETIME, PASSWORD_RESET_LIFETIME};
pub use session::{Principal, SignedIn};
pub use sign_in_history::{Attempt, SignInMethod, SignInPage, SignInRecord};
pub use token::{OneTimeToken, TokenPurpose};
pub use totp::code_at;
pub use workshop::RegisterWorkshopInput;
