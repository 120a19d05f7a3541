use leptos::prelude::*;

use crate::api::LiveStatus;
use crate::i18n::{t, use_i18n};

/// "Ao vivo" while the subscription is up, "Reconectando…" while it is not.
#[component]
pub fn LiveMark(#[prop(into)] status: Signal<LiveStatus>) -> impl IntoView {
    let i18n = use_i18n();
    move || match status.get() {
        LiveStatus::Live => {
            view! { <span class="live live--on" data-test="live">{t!(i18n, orders.live)}</span> }.into_any()
        }
        LiveStatus::Connecting => {
            view! { <span class="live">{t!(i18n, orders.connecting)}</span> }.into_any()
        }
        LiveStatus::Offline => {
            view! { <span class="live live--off">{t!(i18n, orders.offline)}</span> }.into_any()
        }
    }
}
