//! The route components, one per page of the route table in `app.rs`.

mod customer;
mod customers;
mod dashboard;
mod forgot_password;
mod home;
mod invitation;
mod not_found;
mod partner;
mod register;
mod reset_password;
mod sign_in;
mod staff;
mod staff_area;

pub use customer::CustomerPage;
pub use customers::{CustomerDetailPage, CustomersPage, EditCustomerPage, NewCustomerPage};
pub use dashboard::DashboardPage;
pub use forgot_password::ForgotPasswordPage;
pub use home::HomePage;
pub use invitation::AcceptInvitationPage;
pub use not_found::NotFoundPage;
pub use partner::PartnerPage;
pub use register::RegisterPage;
pub use reset_password::ResetPasswordPage;
pub use sign_in::SignInPage;
pub use staff::StaffPage;
pub use staff_area::StaffAreaPage;
