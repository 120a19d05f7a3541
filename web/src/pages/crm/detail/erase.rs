//! LGPD erasure on the 360 page (ADMIN): "Anonimizar cliente (LGPD)" explains what it does and
//! that it cannot be undone, and asks for the customer's name typed as it is before it runs.

use leptos::prelude::*;

use crate::api::operations::{EraseCustomer, erase_customer};
use crate::api::{Role, Session, request};
use crate::components::{FormError, SubmitButton, use_form_submit};
use crate::i18n::{error_message, t, use_i18n};

/// The server's name for the typed name (where its errors point).
const FIELDS: &[&str] = &["confirmName"];

/// Whether the signed-in person is an ADMIN, who alone may anonymise a customer.
fn is_admin() -> bool {
    use_context::<Session>().and_then(Session::user).is_some_and(|user| user.role == Role::Admin)
}

/// For an ADMIN, the erasure of a customer who was not anonymised yet: a button that opens the
/// explanation and the confirmation; `on_erased` runs once it is done (the page reloads and
/// shows the pseudonym). For an anonymised customer, a notice saying so.
#[component]
pub(super) fn EraseSection(
    id: String,
    name: String,
    /// When the customer was anonymised, if they were.
    erased_at: Option<String>,
    on_erased: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    if erased_at.is_some() {
        return view! {
            <p class="notice" role="status" data-test="customer-erased">
                {t!(i18n, erase.erased_notice)}
            </p>
        }
        .into_any();
    }
    let open = RwSignal::new(false);
    view! {
        <Show when=is_admin>
            <section class="card erase" aria-labelledby="erase-title">
                <h2 id="erase-title">{t!(i18n, erase.title)}</h2>
                {
                    let (id, name) = (id.clone(), name.clone());
                    move || {
                        if open.get() {
                            view! {
                                <EraseForm
                                    id=id.clone()
                                    name=name.clone()
                                    on_erased
                                    on_cancel=Callback::new(move |()| open.set(false))
                                />
                            }
                                .into_any()
                        } else {
                            view! {
                                <button
                                    type="button"
                                    class="button button--danger"
                                    data-test="erase-customer"
                                    on:click=move |_| open.set(true)
                                >
                                    {t!(i18n, erase.open)}
                                </button>
                            }
                                .into_any()
                        }
                    }
                }
            </section>
        </Show>
    }
    .into_any()
}

/// What erasure does, and the name to type.
#[component]
fn EraseForm(id: String, name: String, on_erased: Callback<()>, on_cancel: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let typed = RwSignal::new(String::new());
    let erase = use_form_submit(move |_: &()| {
        let variables = erase_customer::Variables { id: id.clone(), confirm_name: typed.get_untracked() };
        async move {
            request::<EraseCustomer>(variables).await?;
            on_erased.run(());
            Ok(())
        }
    });
    let pending = erase.pending();
    let error = erase.error();
    let name_error = Memo::new(move |_| error.get().filter(|e| e.field() == Some("confirmName")));
    let has_error = move || name_error.with(Option::is_some);
    view! {
        <form class="form erase-form" data-test="erase-form" novalidate on:submit=erase.on_submit()>
            <p class="notice notice--error">{t!(i18n, erase.irreversible)}</p>
            <ul class="erase-form__list">
                <li>{t!(i18n, erase.removes)}</li>
                <li>{t!(i18n, erase.login)}</li>
                <li>{t!(i18n, erase.keeps)}</li>
            </ul>
            <div class="field" class:field--invalid=has_error>
                <label for="field-confirmName">{t!(i18n, erase.type_name, name = name.clone())}</label>
                <input
                    id="field-confirmName"
                    name="confirmName"
                    type="text"
                    autocomplete="off"
                    data-test="erase-confirm-name"
                    aria-invalid=move || has_error().to_string()
                    aria-describedby="field-confirmName-error"
                    prop:value=typed
                    on:input=move |event| typed.set(event_target_value(&event))
                />
                {move || {
                    name_error
                        .get()
                        .map(|error| {
                            view! {
                                <p class="field__error" id="field-confirmName-error" data-field-error="confirmName">
                                    {move || error_message(&error)}
                                </p>
                            }
                        })
                }}
            </div>
            <FormError error fields=FIELDS />
            <div class="form__actions">
                <SubmitButton
                    pending
                    class="button button--danger"
                    data_test="erase-confirm"
                    label=move || t!(i18n, erase.confirm)
                    pending_label=move || t!(i18n, erase.erasing)
                />
                <button type="button" class="button button--quiet" on:click=move |_| on_cancel.run(())>
                    {t!(i18n, erase.cancel)}
                </button>
            </div>
        </form>
    }
}
