//! The ADMIN's review link, on the report page: where promoters are invited to review the
//! workshop (e.g. its Google review page).

use leptos::prelude::*;

use crate::api::nps::{NpsSettingsView, NpsUpdateSettings, nps_settings_view, nps_update_settings};
use crate::api::{ApiError, request};
use crate::components::{FormError, FormField, Loaded, SubmitButton, use_form_submit};
use crate::i18n::{t, use_i18n};

/// The inputs named as the server's fields.
const FIELDS: &[&str] = &["reviewUrl"];

/// The review-link card.
#[component]
pub(super) fn ReviewLinkSettings() -> impl IntoView {
    let i18n = use_i18n();
    let loaded = LocalResource::new(|| async {
        request::<NpsSettingsView>(nps_settings_view::Variables)
            .await
            .map(|data| data.nps_settings.review_url)
    });
    view! {
        <section class="card" data-test="nps-settings">
            <h2>{t!(i18n, nps.settings_title)}</h2>
            <p class="muted">{t!(i18n, nps.settings_lead)}</p>
            <Loaded resource=loaded show=|url| view! { <ReviewLinkForm url /> } />
        </section>
    }
}

#[component]
fn ReviewLinkForm(url: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    let typed = RwSignal::new(url.unwrap_or_default());
    let save = use_form_submit(move |_: &()| {
        let review_url = Some(typed.get_untracked().trim().to_owned()).filter(|u| !u.is_empty());
        async move {
            let answer = request::<NpsUpdateSettings>(nps_update_settings::Variables { review_url }).await?;
            typed.set(answer.update_nps_settings.review_url.unwrap_or_default());
            Ok::<_, ApiError>(())
        }
    });
    let pending = save.pending();
    let error = save.error();
    let saved = save.done();
    view! {
        <form class="form" novalidate on:submit=save.on_submit()>
            <FormField
                name="reviewUrl"
                label=move || t!(i18n, nps.review_url)
                hint=move || t!(i18n, nps.review_url_hint)
                value=typed
                error
                input_type="url"
                inputmode="url"
            />
            <FormError error fields=FIELDS />
            <Show when=move || saved.with(Option::is_some)>
                <p class="notice" role="status" data-test="nps-settings-saved">{t!(i18n, nps.settings_saved)}</p>
            </Show>
            <div class="form__actions">
                <SubmitButton
                    pending
                    label=move || t!(i18n, nps.save)
                    pending_label=move || t!(i18n, nps.saving)
                    data_test="nps-settings-save"
                />
            </div>
        </form>
    }
}
