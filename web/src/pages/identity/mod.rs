//! Identity: signing up, in (with a code when MFA is on) and back in (a reset link, an
//! invitation), the workshop's staff, security (MFA, the sign-in history) and API tokens.

use leptos_router::NavigateOptions;

use crate::api::{Area, CurrentUser, Session};

mod api_tokens;
mod forgot_password;
mod google;
mod invitation;
mod mfa_code;
mod register;
mod reset_password;
mod security;
mod sign_in;
mod sign_in_history;
mod staff;

pub use api_tokens::ApiTokensPage;
pub use forgot_password::ForgotPasswordPage;
pub use google::GoogleLink;
pub use invitation::AcceptInvitationPage;
pub use register::RegisterPage;
pub use reset_password::ResetPasswordPage;
pub use security::SecurityPage;
pub use sign_in::SignInPage;
pub use staff::StaffPage;

/// Records the person the server has just signed in and takes them to their role's area.
fn enter(session: Session, user: CurrentUser, navigate: impl Fn(&str, NavigateOptions)) {
    let area = Area::of(user.role);
    session.signed_in(user);
    navigate(area.path(), NavigateOptions::default());
}
