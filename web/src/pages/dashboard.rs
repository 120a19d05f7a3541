use leptos::prelude::*;

use crate::api::Session;
use crate::i18n::{role_name, t, use_i18n};
use crate::pages::nps::RecentDetractors;

/// `/painel` index: a welcome that names the person's role.
#[component]
pub fn DashboardPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = Session::expect();
    move || {
        session.user().map(|user| {
            let role = user.role;
            view! {
                <section class="welcome">
                    <h1>{t!(i18n, dashboard.title, name = user.name)}</h1>
                    <p class="lead">
                        {t!(i18n, dashboard.role, role = move || role_name(role))}
                    </p>
                    <p>{t!(i18n, dashboard.lead)}</p>
                </section>
                <RecentDetractors />
            }
        })
    }
}
