use leptos::prelude::*;

use crate::api::Area;
use crate::components::AreaShell;
use crate::i18n::{t, use_i18n};

/// `/parceiro`: the partner's area; for now, what will come there.
#[component]
pub fn PartnerPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <AreaShell area=Area::Partner>
            <main class="page">
                <section class="placeholder">
                    <h1>{t!(i18n, partner.title)}</h1>
                    <p class="lead">{t!(i18n, partner.lead)}</p>
                    <ul>
                        <li>{t!(i18n, partner.customers)}</li>
                        <li>{t!(i18n, partner.redemption)}</li>
                        <li>{t!(i18n, partner.commissions)}</li>
                    </ul>
                </section>
            </main>
        </AreaShell>
    }
}
