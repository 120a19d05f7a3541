//! What the product and service forms share: the fields both have (reference, name, price,
//! warranty), the frame of their pages (new, edit) and the deactivation with its confirmation.

use std::future::Future;

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};

use super::can_edit;
use crate::api::ApiError;
use crate::components::{
    ErrorNotice, FormError, FormField, FormSubmit, Loading, SubmitButton, first_error, list_search_href,
    use_form_submit,
};
use crate::format::{mask_four_digits, mask_km, money_field, parse_money, read_number};
use crate::i18n::{t, use_i18n};

/// An error the form finds before asking the server, shown next to the input `field` like the
/// server's own.
pub(super) fn input_error(field: &str, message: &str) -> ApiError {
    ApiError::BadUserInput { field: Some(field.to_owned()), message: message.to_owned() }
}

/// The fields products and services share, as the form holds them.
#[derive(Clone, Copy)]
pub(super) struct ItemDraft {
    pub reference: RwSignal<String>,
    pub name: RwSignal<String>,
    pub price: RwSignal<String>,
    pub warranty_days: RwSignal<String>,
    pub warranty_km: RwSignal<String>,
}

/// The fields products and services share, read from the form.
pub(super) struct ItemValues {
    pub reference: String,
    pub name: String,
    pub price_cents: i64,
    pub warranty_days: Option<i64>,
    pub warranty_km: Option<i64>,
}

impl ItemDraft {
    /// Empty fields.
    pub fn empty() -> Self {
        Self::of(String::new(), String::new(), None, None, None)
    }

    /// The fields filled with an item's saved data.
    pub fn of(
        reference: String,
        name: String,
        price_cents: Option<i64>,
        warranty_days: Option<i64>,
        warranty_km: Option<i64>,
    ) -> Self {
        Self {
            reference: RwSignal::new(reference),
            name: RwSignal::new(name),
            price: RwSignal::new(price_cents.map(money_field).unwrap_or_default()),
            warranty_days: RwSignal::new(warranty_days.map(|days| days.to_string()).unwrap_or_default()),
            warranty_km: RwSignal::new(warranty_km.map(|km| mask_km(&km.to_string())).unwrap_or_default()),
        }
    }

    /// What the fields hold; a price that does not read as one is an error on `priceCents`
    /// saying `invalid_price`.
    pub fn read(&self, invalid_price: &str) -> Result<ItemValues, ApiError> {
        let price_cents = parse_money(&self.price.get_untracked())
            .ok_or_else(|| input_error("priceCents", invalid_price))?;
        Ok(ItemValues {
            reference: self.reference.get_untracked(),
            name: self.name.get_untracked(),
            price_cents,
            warranty_days: read_number(&self.warranty_days.get_untracked()),
            warranty_km: read_number(&self.warranty_km.get_untracked()),
        })
    }
}

/// The request of an item's form: `send` reads the form and sends it, giving the item's
/// reference and the server's answer (or why the form cannot be sent); a saved item shows in the
/// list at `list_path`, searched by its reference.
pub(super) fn use_item_save<F, Fut>(list_path: &'static str, send: F) -> FormSubmit<(), ()>
where
    F: Fn() -> Result<(String, Fut), ApiError> + 'static,
    Fut: Future<Output = Result<(), ApiError>> + 'static,
{
    let navigate = use_navigate();
    use_form_submit(move |_: &()| {
        let sent = send();
        let navigate = navigate.clone();
        async move {
            let (reference, answer) = sent?;
            answer.await?;
            navigate(&list_search_href(list_path, &reference), Default::default());
            Ok(())
        }
    })
}

/// The reference and the name, then `children` (the product's unit), then the price.
#[component]
pub(super) fn ItemFields(
    draft: ItemDraft,
    error: Signal<Option<ApiError>>,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <FormField
            name="reference"
            label=move || t!(i18n, catalog_form.reference)
            hint=move || t!(i18n, catalog_form.reference_hint)
            value=draft.reference
            error
        />
        <FormField name="name" label=move || t!(i18n, catalog_form.name) value=draft.name error />
        {children.map(|children| children())}
        <FormField
            name="priceCents"
            label=move || t!(i18n, catalog_form.price)
            hint=move || t!(i18n, catalog_form.price_hint)
            value=draft.price
            error
            inputmode="decimal"
        />
    }
}

/// The warranty in days and in km.
#[component]
pub(super) fn WarrantyFields(draft: ItemDraft, error: Signal<Option<ApiError>>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <FormField
            name="warrantyDays"
            label=move || t!(i18n, catalog_form.warranty_days)
            value=draft.warranty_days
            error
            inputmode="numeric"
            mask=mask_four_digits
        />
        <FormField
            name="warrantyKm"
            label=move || t!(i18n, catalog_form.warranty_km)
            value=draft.warranty_km
            error
            inputmode="numeric"
            mask=mask_km
        />
    }
}

/// The end of an item's form: the form-level error, "Salvar" and "Cancelar".
#[component]
pub(super) fn ItemFormActions(
    /// The inputs of the form (an error on another field shows here).
    fields: &'static [&'static str],
    error: Signal<Option<ApiError>>,
    #[prop(into)] pending: Signal<bool>,
    /// The text of "Salvar".
    #[prop(into)]
    save_label: ViewFn,
    /// Where "Cancelar" goes.
    cancel_href: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <FormError error fields />
        <div class="form__actions">
            <SubmitButton pending label=save_label pending_label=move || t!(i18n, catalog_form.saving) />
            <A href=cancel_href attr:class="button button--quiet">
                {t!(i18n, catalog_form.cancel)}
            </A>
        </div>
    }
}

/// The frame of an item's page: the link back to its list, the title, and `children` for those
/// who may edit (a notice for the others).
#[component]
pub(super) fn ItemPage(
    back_href: &'static str,
    #[prop(into)] back_label: ViewFn,
    #[prop(into)] title: ViewFn,
    children: ChildrenFn,
) -> impl IntoView {
    let i18n = use_i18n();
    let read_only = move || {
        view! {
            <div class="notice notice--error" role="alert">
                <p>{t!(i18n, catalog_form.read_only)}</p>
            </div>
        }
    };
    view! {
        <A href=back_href attr:class="back-link">
            {back_label.run()}
        </A>
        <h1>{title.run()}</h1>
        <Show when=can_edit fallback=read_only>
            {children()}
        </Show>
    }
}

/// The item the route's `:id` names, loaded with `load` again when the id changes.
pub(super) fn route_item<T, F, Fut>(load: F) -> LocalResource<Result<T, ApiError>>
where
    T: 'static,
    F: Fn(String) -> Fut + 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
{
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|params| params.get("id").unwrap_or_default()));
    LocalResource::new(move || load(id.get()))
}

/// The loaded item's `form`, with the loading and error states.
#[component]
pub(super) fn LoadedItem<T>(
    loaded: LocalResource<Result<T, ApiError>>,
    form: fn(T) -> AnyView,
) -> impl IntoView
where
    T: Clone + 'static,
{
    view! {
        <Suspense fallback=|| view! { <Loading /> }>
            <ErrorBoundary fallback=move |errors| {
                view! {
                    <ErrorNotice
                        error=first_error(&errors.get())
                        retry=Callback::new(move |()| loaded.refetch())
                    />
                }
            }>{move || Suspend::new(async move { loaded.await.map(form) })}</ErrorBoundary>
        </Suspense>
    }
}

/// "Desativar" and, once pressed, the question with "Sim, desativar" and "Não desativar"; a
/// deactivated item goes back to `list_href`. A deactivated item shows that it is instead.
#[component]
pub(super) fn Deactivation<F, Fut>(
    /// The item's name, in the question.
    name: String,
    /// Whether the item is active.
    active: bool,
    /// Deactivates the item.
    deactivate: F,
    /// The list the page goes back to.
    list_href: &'static str,
) -> impl IntoView
where
    F: Fn() -> Fut + 'static,
    Fut: Future<Output = Result<(), ApiError>> + 'static,
{
    let i18n = use_i18n();
    let navigate = use_navigate();
    let asking = RwSignal::new(false);
    let request = use_form_submit(move |_: &()| {
        let answer = deactivate();
        let navigate = navigate.clone();
        async move {
            answer.await?;
            navigate(list_href, Default::default());
            Ok(())
        }
    });
    let pending = request.pending();
    let error = request.error();
    if !active {
        return view! {
            <p class="notice" role="status" data-test="item-inactive">
                {t!(i18n, catalog_form.inactive_notice)}
            </p>
        }
        .into_any();
    }
    view! {
        <div class="deactivation">
            <Show
                when=move || asking.get()
                fallback=move || {
                    view! {
                        <button
                            type="button"
                            class="button button--danger"
                            data-test="deactivate"
                            on:click=move |_| asking.set(true)
                        >
                            {t!(i18n, catalog_form.deactivate)}
                        </button>
                    }
                }
            >
                <div class="card deactivation__confirm" role="alertdialog" aria-labelledby="deactivate-question">
                    <p id="deactivate-question">{t!(i18n, catalog_form.deactivate_question, name = name.clone())}</p>
                    <FormError error fields=&[] />
                    <div class="form__actions">
                        <SubmitButton
                            pending
                            label=move || t!(i18n, catalog_form.confirm_deactivate)
                            pending_label=move || t!(i18n, catalog_form.deactivating)
                            on_click=Callback::new(move |()| request.dispatch(()))
                            class="button button--danger"
                            data_test="confirm-deactivate"
                        />
                        <button type="button" class="button button--quiet" on:click=move |_| asking.set(false)>
                            {t!(i18n, catalog_form.keep)}
                        </button>
                    </div>
                </div>
            </Show>
        </div>
    }
    .into_any()
}
