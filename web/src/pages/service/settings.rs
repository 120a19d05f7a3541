//! The ADMIN's settings of service orders, on the staff page: the number the next order gets
//! (to continue an older system's numbering) and whether finishing may take stock below zero.

use leptos::prelude::*;

use crate::api::operations::{
    ServiceOrderSettings, SetAllowNegativeStock, SetNextServiceOrderNumber, service_order_settings,
    set_allow_negative_stock, set_next_service_order_number,
};
use crate::api::{ApiError, request};
use crate::components::{FormError, FormField, Loading, SubmitButton, use_form_submit};
use crate::format::read_number;
use crate::i18n::{error_message, t, use_i18n};

/// The inputs named as the server's fields.
const FIELDS: &[&str] = &["number"];

/// The settings card (ADMIN).
#[component]
pub fn OrderSettings() -> impl IntoView {
    let i18n = use_i18n();
    let loaded = LocalResource::new(|| request::<ServiceOrderSettings>(service_order_settings::Variables));
    view! {
        <section class="card" data-test="order-settings">
            <h2>{t!(i18n, order_settings.title)}</h2>
            <Suspense fallback=|| view! { <Loading /> }>
                {move || {
                    loaded
                        .get()
                        .map(|answer| match answer {
                            Ok(data) => view! { <SettingsForm settings=data.service_order_settings /> }.into_any(),
                            Err(error) => {
                                view! {
                                    <p class="notice notice--error" role="alert">
                                        {move || error_message(&error)}
                                    </p>
                                }
                                    .into_any()
                            }
                        })
                }}
            </Suspense>
        </section>
    }
}

#[component]
fn SettingsForm(settings: service_order_settings::ServiceOrderSettingsServiceOrderSettings) -> impl IntoView {
    let i18n = use_i18n();
    let number = RwSignal::new(settings.next_number.to_string());
    let saved = RwSignal::new(None::<i64>);
    let save = use_form_submit(move |_: &()| {
        let typed = number.get_untracked();
        async move {
            let number = read_number(&typed).unwrap_or(0);
            let answer =
                request::<SetNextServiceOrderNumber>(set_next_service_order_number::Variables { number })
                    .await?;
            saved.set(Some(answer.set_next_service_order_number));
            Ok::<_, ApiError>(())
        }
    });
    let pending = save.pending();
    let error = save.error();
    let allow = RwSignal::new(settings.allow_negative_stock);
    let toggle = Action::new_local(move |value: &bool| {
        let value = *value;
        async move {
            let answer =
                request::<SetAllowNegativeStock>(set_allow_negative_stock::Variables { allow: value }).await;
            if let Ok(data) = &answer {
                allow.set(data.set_allow_negative_stock);
            }
            answer.map(drop)
        }
    });
    let toggle_error = toggle.value();
    view! {
        <form class="form" novalidate on:submit=save.on_submit()>
            <FormField
                name="number"
                label=move || t!(i18n, order_settings.next_number)
                value=number
                error
                inputmode="numeric"
            />
            <FormError error fields=FIELDS />
            {move || {
                saved
                    .get()
                    .map(|n| {
                        view! {
                            <p class="notice" role="status" data-test="next-number-saved">
                                {t!(i18n, order_settings.saved, number = n)}
                            </p>
                        }
                    })
            }}
            <div class="form__actions">
                <SubmitButton
                    pending
                    label=move || t!(i18n, order_settings.save)
                    pending_label=move || t!(i18n, order_settings.saving)
                    data_test="save-next-number"
                />
            </div>
        </form>
        <label class="filter">
            <input
                type="checkbox"
                data-test="allow-negative-stock"
                prop:checked=allow
                on:change=move |event| {
                    toggle.dispatch(event_target_checked(&event));
                }
            />
            {t!(i18n, order_settings.allow_negative_stock)}
        </label>
        {move || {
            toggle_error
                .get()
                .and_then(Result::err)
                .map(|error| {
                    view! {
                        <p class="notice notice--error" role="alert">
                            {move || error_message(&error)}
                        </p>
                    }
                })
        }}
    }
}
