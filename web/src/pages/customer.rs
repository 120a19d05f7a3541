use leptos::prelude::*;

use crate::api::Area;
use crate::components::AreaShell;
use crate::i18n::{t, use_i18n};

/// `/cliente`: the customer's area; for now, what will come there.
#[component]
pub fn CustomerPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <AreaShell area=Area::Customer>
            <main class="page">
                <section class="placeholder">
                    <h1>{t!(i18n, customer.title)}</h1>
                    <p class="lead">{t!(i18n, customer.lead)}</p>
                    <ul>
                        <li>{t!(i18n, customer.vehicles)}</li>
                        <li>{t!(i18n, customer.history)}</li>
                        <li>{t!(i18n, customer.loyalty)}</li>
                        <li>{t!(i18n, customer.booking)}</li>
                    </ul>
                </section>
            </main>
        </AreaShell>
    }
}
