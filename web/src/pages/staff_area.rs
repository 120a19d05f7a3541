use leptos::prelude::*;
use leptos_router::components::{A, Outlet};

use crate::api::{Area, Role, Session};
use crate::components::AreaShell;
use crate::i18n::{t, t_string, use_i18n};
use crate::pages::chat::{ChatBadge, ChatFeedScope};

/// `/painel`: the staff's area (ADMIN, OPERATOR, MECHANIC), its menu and the page chosen in it.
#[component]
pub fn StaffAreaPage() -> impl IntoView {
    view! {
        <AreaShell area=Area::Staff>
            <ChatFeedScope>
                <div class="area">
                    <StaffMenu />
                    <main class="area__content">
                        <Outlet />
                    </main>
                </div>
            </ChatFeedScope>
        </AreaShell>
    }
}

/// The staff area's menu.
#[component]
fn StaffMenu() -> impl IntoView {
    let i18n = use_i18n();
    let session = Session::expect();
    let is_admin = move || session.user().is_some_and(|user| user.role == Role::Admin);
    let is_mechanic = move || session.user().is_some_and(|user| user.role == Role::Mechanic);
    let is_front_desk = move || session.user().is_some_and(|user| user.role.is_front_desk());
    view! {
        <nav class="menu" aria-label=move || t_string!(i18n, top_bar.menu)>
            <ul>
                <li>
                    <A href="/painel" exact=true>
                        {t!(i18n, nav.home)}
                    </A>
                </li>
                <li>
                    <A href="/painel/clientes" attr:data-test="nav-customers">
                        {t!(i18n, nav.customers)}
                    </A>
                </li>
                <li>
                    <A href="/painel/catalogo" attr:data-test="nav-catalog">
                        {t!(i18n, nav.catalog)}
                    </A>
                </li>
                <Show when=is_mechanic>
                    <li>
                        <A href="/painel/minhas-ordens" attr:data-test="nav-my-orders">
                            {t!(i18n, nav.my_orders)}
                        </A>
                    </li>
                </Show>
                <Show when=is_admin>
                    <li>
                        <A href="/painel/equipe" attr:data-test="nav-staff">
                            {t!(i18n, nav.staff)}
                        </A>
                    </li>
                    <li>
                        <A href="/painel/nps" attr:data-test="nav-nps">
                            {t!(i18n, nav.nps)}
                        </A>
                    </li>
                    <li>
                        <A href="/painel/parceiros" attr:data-test="nav-partners">
                            {t!(i18n, nav.partners)}
                        </A>
                    </li>
                    <li>
                        <A href="/painel/fidelidade" attr:data-test="nav-loyalty">
                            {t!(i18n, nav.loyalty)}
                        </A>
                    </li>
                    <li>
                        <A href="/painel/integracoes" attr:data-test="nav-api-tokens">
                            {t!(i18n, nav.api_tokens)}
                        </A>
                    </li>
                </Show>
                <li>
                    <A href="/painel/ordens" attr:data-test="nav-orders">
                        {t!(i18n, nav.service_orders)}
                    </A>
                </li>
                <li>
                    <A href="/painel/agenda" attr:data-test="nav-agenda">
                        {t!(i18n, nav.schedule)}
                    </A>
                </li>
                <Show when=is_front_desk>
                    <li>
                        <A href="/painel/conversas" attr:data-test="nav-chat">
                            {t!(i18n, nav.chat)}
                            <ChatBadge />
                        </A>
                    </li>
                </Show>
                <li>
                    <A href="/painel/seguranca" attr:data-test="nav-security">
                        {t!(i18n, nav.security)}
                    </A>
                </li>
            </ul>
        </nav>
    }
}
