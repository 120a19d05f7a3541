//! Identity: signing up, in and back in (a reset link, an invitation), and the workshop's staff.

mod forgot_password;
mod invitation;
mod register;
mod reset_password;
mod sign_in;
mod staff;

pub use forgot_password::ForgotPasswordPage;
pub use invitation::AcceptInvitationPage;
pub use register::RegisterPage;
pub use reset_password::ResetPasswordPage;
pub use sign_in::SignInPage;
pub use staff::StaffPage;
