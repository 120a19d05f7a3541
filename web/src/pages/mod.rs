//! The route components, one per page of the route table in `app.rs`: one folder per bounded
//! context (`identity`, `crm`, `service`, `portal`), and here the pages that belong to none (the welcome,
//! the staff area's frame and its index, the unknown path).

mod crm;
mod dashboard;
mod home;
mod identity;
mod not_found;
mod portal;
mod service;
mod staff_area;

pub use crm::{CustomerDetailPage, CustomersPage, EditCustomerPage, NewCustomerPage};
pub use dashboard::DashboardPage;
pub use home::HomePage;
pub use identity::{
    AcceptInvitationPage, ForgotPasswordPage, RegisterPage, ResetPasswordPage, SignInPage, StaffPage,
};
pub use not_found::NotFoundPage;
pub use portal::{PartnerPage, PortalHomePage};
pub use service::{MyOrdersPage, PrintOrderPage};
pub use staff_area::StaffAreaPage;
