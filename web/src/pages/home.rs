use leptos::prelude::*;
use leptos_router::components::{A, Redirect};

use crate::api::{Area, Session};
use crate::components::PublicHeader;
use crate::i18n::{t, use_i18n};

/// `/`: a short welcome with the way in; someone already signed in goes to their area.
#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    let session = Session::expect();
    view! {
        {move || {
            session.user().map(|user| view! { <Redirect path=Area::of(user.role).path() /> })
        }}
        <PublicHeader />
        <main class="page page--narrow home">
            <h1>{t!(i18n, home.title)}</h1>
            <p class="lead">{t!(i18n, home.lead)}</p>
            <div class="actions">
                <A href="/cadastro" attr:class="button button--primary">
                    {t!(i18n, home.create)}
                </A>
                <A href="/entrar" attr:class="button">
                    {t!(i18n, home.sign_in)}
                </A>
            </div>
        </main>
    }
}
