//! The customer form (`/painel/clientes/novo`, `/painel/clientes/:id/editar`): the personal data
//! here, the e-mails, phones and addresses in `contacts`, what the form holds in `draft`.

mod contacts;
mod draft;

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

use self::contacts::{AddressesSection, EmailsSection, PhonesSection};
use self::draft::{CustomerDraft, customer_input, optional};
use super::{can_edit, route_customer};
use crate::api::operations::{
    CreateCustomer, States, UpdateCustomer, create_customer, states, update_customer,
};
use crate::api::request;
use crate::components::{
    CheckboxField, ErrorNotice, FormError, FormField, Loading, SubmitButton, first_error, use_form_submit,
};
use crate::format::mask_document;
use crate::i18n::{t, use_i18n};

/// The inputs of the form: the single ones by name, the repeated ones by their list.
const FIELDS: &[&str] =
    &["name", "document", "rg", "birthDate", "marketingConsent", "emails.", "phones.", "addresses."];

/// The notice shown instead of a form to someone who may not change customers (a MECHANIC).
#[component]
fn ReadOnlyNotice() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="notice notice--error" role="alert">
            <p>{t!(i18n, customer_form.read_only)}</p>
        </div>
    }
}

/// `/painel/clientes/novo`: registers a customer and opens their page.
#[component]
pub fn NewCustomerPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <A href="/painel/clientes" attr:class="back-link">
            {t!(i18n, customer_form.back_to_list)}
        </A>
        <h1>{t!(i18n, customer_form.new_title)}</h1>
        <Show when=can_edit fallback=ReadOnlyNotice>
            <CustomerForm id=None draft=CustomerDraft::empty() />
        </Show>
    }
}

/// `/painel/clientes/:id/editar`: changes a customer's data and goes back to their page.
#[component]
pub fn EditCustomerPage() -> impl IntoView {
    let i18n = use_i18n();
    let (id, loaded) = route_customer();
    view! {
        <A href=move || format!("/painel/clientes/{}", id.get()) attr:class="back-link">
            {t!(i18n, customer_form.back_to_customer)}
        </A>
        <h1>{t!(i18n, customer_form.edit_title)}</h1>
        <Show when=can_edit fallback=ReadOnlyNotice>
            <Suspense fallback=|| view! { <Loading /> }>
                <ErrorBoundary fallback=move |errors| {
                    view! {
                        <ErrorNotice
                            error=first_error(&errors.get())
                            retry=Callback::new(move |()| loaded.refetch())
                        />
                    }
                }>
                    {move || Suspend::new(async move {
                        loaded
                            .await
                            .map(|customer| {
                                let id = customer.id.clone();
                                view! { <CustomerForm id=Some(id) draft=CustomerDraft::of(customer) /> }
                            })
                    })}
                </ErrorBoundary>
            </Suspense>
        </Show>
    }
}

/// The customer form; `id` is the customer being edited (`None` registers a new one).
#[component]
fn CustomerForm(id: Option<String>, draft: CustomerDraft) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let states = LocalResource::new(|| request::<States>(states::Variables));
    let states = Signal::derive(move || {
        states
            .get()
            .and_then(Result::ok)
            .map(|data| {
                data.states
                    .into_iter()
                    .map(|state| (state.code.clone(), format!("{} — {}", state.code, state.name)))
                    .collect()
            })
            .unwrap_or_default()
    });
    let cancel_href = match &id {
        Some(id) => format!("/painel/clientes/{id}"),
        None => "/painel/clientes".to_owned(),
    };

    let save = use_form_submit(move |_: &()| {
        draft.drop_blank_rows();
        let id = id.clone();
        let navigate = navigate.clone();
        async move {
            let saved = match id {
                Some(id) => {
                    let input = customer_input!(update_customer, draft);
                    request::<UpdateCustomer>(update_customer::Variables { id, input })
                        .await?
                        .update_customer
                        .id
                }
                None => {
                    let input = customer_input!(create_customer, draft);
                    request::<CreateCustomer>(create_customer::Variables { input }).await?.create_customer.id
                }
            };
            navigate(&format!("/painel/clientes/{saved}"), Default::default());
            Ok(())
        }
    });
    let pending = save.pending();
    let error = save.error();
    let on_change = Callback::new(move |()| save.clear_field_error());

    view! {
        <form class="form form--wide" data-test="customer-form" novalidate on:submit=save.on_submit()>
            <fieldset class="form__section">
                <legend>{t!(i18n, customer_form.personal)}</legend>
                <div class="grid">
                    <FormField
                        name="name"
                        label=move || t!(i18n, customer_form.name)
                        value=draft.name
                        error
                        autocomplete="off"
                    />
                    <FormField
                        name="document"
                        label=move || t!(i18n, customer_form.document)
                        hint=move || t!(i18n, customer_form.document_hint)
                        value=draft.document
                        error
                        mask=mask_document
                    />
                    <FormField name="rg" label=move || t!(i18n, customer_form.rg) value=draft.rg error />
                    <FormField
                        name="birthDate"
                        label=move || t!(i18n, customer_form.birth_date)
                        value=draft.birth_date
                        error
                        input_type="date"
                    />
                </div>
                <CheckboxField
                    name="marketingConsent"
                    label=move || t!(i18n, customer_form.marketing_consent)
                    value=draft.marketing_consent
                    error
                />
            </fieldset>
            <EmailsSection rows=draft.emails error on_change />
            <PhonesSection rows=draft.phones error on_change />
            <AddressesSection rows=draft.addresses error on_change states />
            <FormError error fields=FIELDS />
            <div class="form__actions">
                <SubmitButton
                    pending
                    label=move || t!(i18n, customer_form.save)
                    pending_label=move || t!(i18n, customer_form.saving)
                />
                <A href=cancel_href attr:class="button button--quiet">
                    {t!(i18n, customer_form.cancel)}
                </A>
            </div>
        </form>
    }
}
