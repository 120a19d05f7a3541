use leptos::prelude::*;
use leptos_router::components::A;

use super::LanguageToggle;
use crate::i18n::{t, use_i18n};

/// The header of the pages for visitors: the app's name and the language toggle.
#[component]
pub fn PublicHeader() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <header class="bar">
            <A href="/" attr:class="bar__brand">
                {t!(i18n, app_name)}
            </A>
            <LanguageToggle />
        </header>
    }
}
