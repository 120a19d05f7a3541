//! `/cliente/privacidade`: the customer chooses how the workshop may contact them (and whether it
//! may share their contacts with partners), sees who changed what, and downloads their data.

use leptos::prelude::*;
use leptos_router::components::A;

use super::consents::{ConsentPanel, Consents};
use super::export::ExportButton;
use crate::api::privacy::{
    ConsentChannel, ExportMyData, MyConsents, SetMyConsent, export_my_data, my_consents, set_my_consent,
};
use crate::api::{ApiError, Area, request};
use crate::components::{AreaShell, Loaded};
use crate::i18n::{t, use_i18n};

/// Where the page lives.
pub const PRIVACY_PATH: &str = "/cliente/privacidade";

/// The portal page.
#[component]
pub fn PrivacyPage() -> impl IntoView {
    let i18n = use_i18n();
    let loaded = LocalResource::new(|| async {
        let found = request::<MyConsents>(my_consents::Variables).await?;
        Ok::<_, ApiError>(Consents::from(found.my_customer))
    });
    let change = Action::new_local(move |(channel, granted): &(ConsentChannel, bool)| {
        let variables = set_my_consent::Variables { channel: *channel, granted: *granted };
        async move {
            request::<SetMyConsent>(variables).await?;
            loaded.refetch();
            Ok::<(), ApiError>(())
        }
    });
    let export = || async {
        let link = request::<ExportMyData>(export_my_data::Variables).await?.export_my_data;
        Ok::<_, ApiError>((link.url, link.expires_at))
    };
    view! {
        <AreaShell area=Area::Customer>
            <main class="page">
                <A href="/cliente" attr:class="back-link">
                    {t!(i18n, privacy.back)}
                </A>
                <h1>{t!(i18n, privacy.title)}</h1>
                <p class="lead">{t!(i18n, privacy.lead)}</p>
                <section class="card" data-test="my-consents">
                    <h2>{t!(i18n, privacy.consents_title)}</h2>
                    <p class="muted">{t!(i18n, privacy.consents_lead)}</p>
                    <Loaded
                        resource=loaded
                        show=move |consents: Consents| view! { <ConsentPanel consents editable=true change /> }
                    />
                </section>
                <section class="card">
                    <h2>{t!(i18n, privacy.export_title)}</h2>
                    <p class="muted">{t!(i18n, privacy.export_lead)}</p>
                    <ExportButton label=move || t!(i18n, privacy.download) export data_test="export-my-data" />
                </section>
            </main>
        </AreaShell>
    }
}

/// The portal home's card that leads to the page.
#[component]
pub fn PrivacyLink() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="card">
            <h2>{t!(i18n, privacy.title)}</h2>
            <p>{t!(i18n, privacy.link_lead)}</p>
            <A href=PRIVACY_PATH attr:class="button" attr:data-test="privacy-link">
                {t!(i18n, privacy.link)}
            </A>
        </section>
    }
}
