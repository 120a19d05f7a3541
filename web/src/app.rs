//! The app and its one route table.

use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::path;

use crate::api::Session;
use crate::i18n::{self, I18nContextProvider};
use crate::pages::{
    AcceptInvitationPage, AgendaPage, BookingPage, CalendarSettingsPage, CustomerChatPage,
    CustomerDetailPage, CustomersPage, DashboardPage, EditCustomerPage, EditProductPage, EditServicePage,
    ForgotPasswordPage, HomePage, InboxPage, MyOrdersPage, NewCustomerPage, NewProductPage,
    NewServiceOrderPage, NewServicePage, NotFoundPage, NpsLinkPage, NpsPortalPage, NpsReportPage,
    OrderStatusPage, PartnerPage, PartnersAdminPage, PortalHomePage, PrintOrderPage, PrivacyPage,
    ProductsPage, RegisterPage, ResetPasswordPage, SecurityPage, ServiceOrderPage, ServiceOrdersPage,
    ServicesPage, SignInPage, StaffAreaPage, StaffPage,
};
use crate::pages::{ApiTokensPage, LoyaltyProgramsPage};

/// The whole app: translations, the session and the routes.
#[component]
pub fn App() -> impl IntoView {
    view! {
        <I18nContextProvider>
            <Routed />
        </I18nContextProvider>
    }
}

/// Everything below the translations: the saved language, the session and the route table.
#[component]
fn Routed() -> impl IntoView {
    i18n::persist_locale();
    Session::provide();
    view! {
        <Router>
            <Routes fallback=NotFoundPage>
                <Route path=path!("/") view=HomePage />
                <Route path=path!("/cadastro") view=RegisterPage />
                <Route path=path!("/entrar") view=SignInPage />
                <Route path=path!("/esqueci-senha") view=ForgotPasswordPage />
                <Route path=path!("/redefinir-senha/:token") view=ResetPasswordPage />
                <Route path=path!("/convite/:token") view=AcceptInvitationPage />
                <Route path=path!("/avaliar/:token") view=NpsLinkPage />
                <ParentRoute path=path!("/painel") view=StaffAreaPage>
                    <Route path=path!("") view=DashboardPage />
                    <Route path=path!("equipe") view=StaffPage />
                    <Route path=path!("seguranca") view=SecurityPage />
                    // "novo" before ":id": the first route that matches wins.
                    <Route path=path!("clientes") view=CustomersPage />
                    <Route path=path!("clientes/novo") view=NewCustomerPage />
                    <Route path=path!("clientes/:id") view=CustomerDetailPage />
                    <Route path=path!("clientes/:id/editar") view=EditCustomerPage />
                    <Route path=path!("ordens") view=ServiceOrdersPage />
                    <Route path=path!("ordens/nova") view=NewServiceOrderPage />
                    <Route path=path!("ordens/:id") view=ServiceOrderPage />
                    <Route path=path!("catalogo") view=ProductsPage />
                    <Route path=path!("catalogo/produtos/novo") view=NewProductPage />
                    <Route path=path!("catalogo/produtos/:id") view=EditProductPage />
                    <Route path=path!("catalogo/servicos") view=ServicesPage />
                    <Route path=path!("catalogo/servicos/novo") view=NewServicePage />
                    <Route path=path!("catalogo/servicos/:id") view=EditServicePage />
                    <Route path=path!("ordens/:id/imprimir") view=PrintOrderPage />
                    <Route path=path!("minhas-ordens") view=MyOrdersPage />
                    <Route path=path!("agenda") view=AgendaPage />
                    <Route path=path!("agenda/configuracoes") view=CalendarSettingsPage />
                    <Route path=path!("conversas") view=InboxPage />
                    <Route path=path!("nps") view=NpsReportPage />
                    <Route path=path!("fidelidade") view=LoyaltyProgramsPage />
                    <Route path=path!("integracoes") view=ApiTokensPage />
                    <Route path=path!("parceiros") view=PartnersAdminPage />
                </ParentRoute>
                <Route path=path!("/cliente") view=PortalHomePage />
                <Route path=path!("/cliente/agendar") view=BookingPage />
                <Route path=path!("/cliente/conversa") view=CustomerChatPage />
                <Route path=path!("/cliente/privacidade") view=PrivacyPage />
                <Route path=path!("/cliente/avaliar/:orderId") view=NpsPortalPage />
                <Route path=path!("/parceiro") view=PartnerPage />
                <Route path=path!("/acompanhar/:token") view=OrderStatusPage />
            </Routes>
        </Router>
    }
}
