use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::PublicHeader;
use crate::i18n::{t, use_i18n};

/// Any path the route table does not know.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PublicHeader />
        <main class="page page--narrow">
            <h1>{t!(i18n, not_found.title)}</h1>
            <p class="lead">{t!(i18n, not_found.lead)}</p>
            <A href="/" attr:class="button">
                {t!(i18n, not_found.home)}
            </A>
        </main>
    }
}
