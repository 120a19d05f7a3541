use leptos::prelude::*;

use crate::i18n::{other_locale, t, t_string, use_i18n};

/// Switches between Portuguese and English; the button names the language it switches to.
#[component]
pub fn LanguageToggle() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <button
            type="button"
            class="language-toggle"
            data-test="language-toggle"
            aria-label=move || t_string!(i18n, language.toggle_label)
            on:click=move |_| i18n.set_locale(other_locale(i18n.get_locale()))
        >
            {t!(i18n, language.toggle)}
        </button>
    }
}
