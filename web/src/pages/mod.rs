//! The route components, one per page of the route table in `app.rs`: one folder per bounded
//! context (`identity`, `crm`, `service`, `scheduling`, `portal`, `chat`, `partners`), and here the pages that belong
//! to none (the welcome, the staff area's frame and its index, the unknown path).

use leptos::prelude::*;

use crate::api::Session;

mod chat;
mod crm;
mod dashboard;
mod home;
mod identity;
pub mod loyalty;
mod not_found;
pub mod nps;
mod partners;
mod portal;
mod privacy;
mod scheduling;
mod service;
mod staff_area;

pub use chat::{ChatLink, CustomerChatPage, InboxPage};
pub use crm::{CustomerDetailPage, CustomersPage, EditCustomerPage, NewCustomerPage};
pub use dashboard::DashboardPage;
pub use home::HomePage;
pub use identity::{
    AcceptInvitationPage, ApiTokensPage, ForgotPasswordPage, RegisterPage, ResetPasswordPage, SecurityPage,
    SignInPage, StaffPage,
};
pub use loyalty::LoyaltyProgramsPage;
pub use not_found::NotFoundPage;
pub use nps::{NpsLinkPage, NpsPortalPage, NpsReportPage};
pub use partners::{PartnerPage, PartnersAdminPage};
pub use portal::{OrderStatusPage, PortalHomePage};
pub use privacy::{CustomerPrivacySections, PrivacyLink, PrivacyPage};
pub use scheduling::{AgendaPage, BookingPage, CalendarSettingsPage};
pub use service::{
    EditProductPage, EditServicePage, MyOrdersPage, NewProductPage, NewServiceOrderPage, NewServicePage,
    PrintOrderPage, ProductsPage, ServiceOrderPage, ServiceOrdersPage, ServicesPage,
};
pub use staff_area::StaffAreaPage;

/// Whether the signed-in person is at the front desk (ADMIN, OPERATOR), who may create and
/// change customers, vehicles and the catalog; a MECHANIC only reads them.
fn can_edit() -> bool {
    use_context::<Session>().and_then(Session::user).is_some_and(|user| user.role.is_front_desk())
}
