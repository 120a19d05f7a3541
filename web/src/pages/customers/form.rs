use std::sync::atomic::{AtomicU64, Ordering};

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};

use super::can_edit;
use crate::api::operations::{
    AddressKind, CreateCustomer, Customer, PhoneKind, States, UpdateCustomer, create_customer, customer,
    states, update_customer,
};
use crate::api::{ApiError, request};
use crate::components::{
    CheckboxField, ErrorNotice, FormError, FormField, Loading, SelectField, first_error, focus_field,
};
use crate::format::{mask_cep, mask_ddd, mask_document, mask_phone};
use crate::i18n::{address_kind_name, phone_kind_name, t, t_string, use_i18n};

/// The inputs of the form: the single ones by name, the repeated ones by their list.
const FIELDS: &[&str] =
    &["name", "document", "rg", "birthDate", "marketingConsent", "emails.", "phones.", "addresses."];

/// A fresh key for a row of a repeated list (rows are told apart by it, not by their place).
fn next_key() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// `None` for a blank text, the trimmed text otherwise.
fn optional(text: String) -> Option<String> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

/// One e-mail of the form.
#[derive(Clone, Copy)]
struct EmailRow {
    key: u64,
    address: RwSignal<String>,
}

impl EmailRow {
    fn new(address: String) -> Self {
        Self { key: next_key(), address: RwSignal::new(address) }
    }

    fn is_blank(&self) -> bool {
        self.address.with_untracked(|address| address.trim().is_empty())
    }
}

/// One phone of the form.
#[derive(Clone, Copy)]
struct PhoneRow {
    key: u64,
    ddd: RwSignal<String>,
    number: RwSignal<String>,
    kind: RwSignal<String>,
}

impl PhoneRow {
    fn new(ddd: String, number: String, kind: PhoneKind) -> Self {
        Self {
            key: next_key(),
            ddd: RwSignal::new(ddd),
            number: RwSignal::new(mask_phone(&number)),
            kind: RwSignal::new(kind.as_str().to_owned()),
        }
    }

    fn is_blank(&self) -> bool {
        [self.ddd, self.number].iter().all(|text| text.with_untracked(|text| text.trim().is_empty()))
    }

    fn kind(&self) -> PhoneKind {
        PhoneKind::parse(&self.kind.get_untracked()).unwrap_or(PhoneKind::Mobile)
    }
}

/// One address of the form.
#[derive(Clone, Copy)]
struct AddressRow {
    key: u64,
    kind: RwSignal<String>,
    street: RwSignal<String>,
    number: RwSignal<String>,
    district: RwSignal<String>,
    complement: RwSignal<String>,
    city: RwSignal<String>,
    state: RwSignal<String>,
    cep: RwSignal<String>,
}

impl AddressRow {
    fn empty() -> Self {
        Self {
            key: next_key(),
            kind: RwSignal::new(AddressKind::Home.as_str().to_owned()),
            street: RwSignal::default(),
            number: RwSignal::default(),
            district: RwSignal::default(),
            complement: RwSignal::default(),
            city: RwSignal::default(),
            state: RwSignal::default(),
            cep: RwSignal::default(),
        }
    }

    fn is_blank(&self) -> bool {
        [self.street, self.number, self.district, self.complement, self.city, self.cep]
            .iter()
            .all(|text| text.with_untracked(|text| text.trim().is_empty()))
    }

    fn kind(&self) -> AddressKind {
        AddressKind::parse(&self.kind.get_untracked()).unwrap_or(AddressKind::Home)
    }
}

/// What the form holds; every input is a signal, every repeated list a list of rows.
#[derive(Clone, Copy)]
struct CustomerDraft {
    name: RwSignal<String>,
    document: RwSignal<String>,
    rg: RwSignal<String>,
    birth_date: RwSignal<String>,
    marketing_consent: RwSignal<bool>,
    emails: RwSignal<Vec<EmailRow>>,
    phones: RwSignal<Vec<PhoneRow>>,
    addresses: RwSignal<Vec<AddressRow>>,
}

impl CustomerDraft {
    /// An empty form with one e-mail and one mobile phone to fill in.
    fn empty() -> Self {
        Self {
            name: RwSignal::default(),
            document: RwSignal::default(),
            rg: RwSignal::default(),
            birth_date: RwSignal::default(),
            marketing_consent: RwSignal::new(false),
            emails: RwSignal::new(vec![EmailRow::new(String::new())]),
            phones: RwSignal::new(vec![PhoneRow::new(String::new(), String::new(), PhoneKind::Mobile)]),
            addresses: RwSignal::new(Vec::new()),
        }
    }

    /// The form filled with a customer's current data.
    fn of(customer: customer::CustomerCustomer) -> Self {
        Self {
            name: RwSignal::new(customer.name),
            document: RwSignal::new(customer.document),
            rg: RwSignal::new(customer.rg.unwrap_or_default()),
            birth_date: RwSignal::new(customer.birth_date.unwrap_or_default()),
            marketing_consent: RwSignal::new(customer.marketing_consent),
            emails: RwSignal::new(customer.emails.into_iter().map(EmailRow::new).collect()),
            phones: RwSignal::new(
                customer
                    .phones
                    .into_iter()
                    .map(|phone| PhoneRow::new(phone.ddd, phone.number, phone.kind))
                    .collect(),
            ),
            addresses: RwSignal::new(
                customer
                    .addresses
                    .into_iter()
                    .map(|address| {
                        let row = AddressRow::empty();
                        row.kind.set(address.kind.as_str().to_owned());
                        row.street.set(address.street);
                        row.number.set(address.number);
                        row.district.set(address.district);
                        row.complement.set(address.complement.unwrap_or_default());
                        row.city.set(address.city);
                        row.state.set(address.state);
                        row.cep.set(mask_cep(&address.cep));
                        row
                    })
                    .collect(),
            ),
        }
    }

    /// Drops the rows left entirely blank, so that what is sent is what is shown, row by row
    /// (the server names a wrong row by its place).
    fn drop_blank_rows(&self) {
        self.emails.update(|rows| rows.retain(|row| !row.is_blank()));
        self.phones.update(|rows| rows.retain(|row| !row.is_blank()));
        self.addresses.update(|rows| rows.retain(|row| !row.is_blank()));
    }
}

/// The `CustomerInput` of the operation module `$module` with what `$draft` holds.
macro_rules! customer_input {
    ($module:ident, $draft:expr) => {{
        let draft: &CustomerDraft = &$draft;
        $module::CustomerInput {
            name: draft.name.get_untracked(),
            document: draft.document.get_untracked(),
            rg: optional(draft.rg.get_untracked()),
            birth_date: optional(draft.birth_date.get_untracked()),
            marketing_consent: draft.marketing_consent.get_untracked(),
            emails: draft.emails.with_untracked(|rows| {
                rows.iter().map(|row| row.address.get_untracked().trim().to_owned()).collect()
            }),
            phones: draft.phones.with_untracked(|rows| {
                rows.iter()
                    .map(|row| $module::PhoneInput {
                        ddd: row.ddd.get_untracked(),
                        number: row.number.get_untracked(),
                        kind: row.kind(),
                    })
                    .collect()
            }),
            addresses: draft.addresses.with_untracked(|rows| {
                rows.iter()
                    .map(|row| $module::AddressInput {
                        kind: row.kind(),
                        street: row.street.get_untracked(),
                        number: row.number.get_untracked(),
                        district: row.district.get_untracked(),
                        complement: optional(row.complement.get_untracked()),
                        city: row.city.get_untracked(),
                        state: row.state.get_untracked(),
                        cep: row.cep.get_untracked(),
                    })
                    .collect()
            }),
        }
    }};
}

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
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|params| params.get("id").unwrap_or_default()));
    let loaded = LocalResource::new(move || {
        let id = id.get();
        async move { request::<Customer>(customer::Variables { id }).await.map(|data| data.customer) }
    });
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
    let failure = RwSignal::new(None::<ApiError>);
    let states = LocalResource::new(|| request::<States>(states::Variables));
    let state_options = Signal::derive(move || {
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

    let save = Action::new_local(move |_: &()| {
        draft.drop_blank_rows();
        failure.set(None);
        let id = id.clone();
        let navigate = navigate.clone();
        async move {
            let saved = match id {
                Some(id) => {
                    let input = customer_input!(update_customer, draft);
                    request::<UpdateCustomer>(update_customer::Variables { id, input })
                        .await
                        .map(|data| data.update_customer.id)
                }
                None => {
                    let input = customer_input!(create_customer, draft);
                    request::<CreateCustomer>(create_customer::Variables { input })
                        .await
                        .map(|data| data.create_customer.id)
                }
            };
            match saved {
                Ok(id) => navigate(&format!("/painel/clientes/{id}"), Default::default()),
                Err(error) => {
                    let field = error.field().map(str::to_owned);
                    failure.set(Some(error));
                    if let Some(field) = field {
                        focus_field(&field);
                    }
                }
            }
        }
    });
    let pending = save.pending();
    let error = Signal::from(failure);
    // Adding or removing a row moves the rows after it: an error naming a row by its place would
    // point at the wrong one.
    let clear_error = move || {
        if failure.with_untracked(|error| error.as_ref().and_then(ApiError::field).is_some()) {
            failure.set(None);
        }
    };

    view! {
        <form
            class="form form--wide"
            data-test="customer-form"
            novalidate
            on:submit=move |event| {
                event.prevent_default();
                save.dispatch(());
            }
        >
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

            <fieldset class="form__section">
                <legend>{t!(i18n, customer_form.emails)}</legend>
                {move || {
                    draft
                        .emails
                        .get()
                        .into_iter()
                        .enumerate()
                        .map(|(place, row)| {
                            let key = row.key;
                            view! {
                                <div class="repeat">
                                    <FormField
                                        name=format!("emails.{place}")
                                        label=move || t!(i18n, customer_form.email, n = place + 1)
                                        value=row.address
                                        error
                                        input_type="email"
                                    />
                                    <button
                                        type="button"
                                        class="button button--quiet repeat__remove"
                                        data-test="remove-email"
                                        aria-label=move || format!("{} {}", t_string!(i18n, customer_form.remove_email_label), place + 1)
                                        on:click=move |_| {
                                            draft.emails.update(|rows| rows.retain(|row| row.key != key));
                                            clear_error();
                                        }
                                    >
                                        {t!(i18n, customer_form.remove)}
                                    </button>
                                </div>
                            }
                        })
                        .collect_view()
                }}
                <button
                    type="button"
                    class="button button--quiet"
                    data-test="add-email"
                    on:click=move |_| {
                        draft.emails.update(|rows| rows.push(EmailRow::new(String::new())));
                        clear_error();
                    }
                >
                    {t!(i18n, customer_form.add_email)}
                </button>
            </fieldset>

            <fieldset class="form__section">
                <legend>{t!(i18n, customer_form.phones)}</legend>
                {move || {
                    draft
                        .phones
                        .get()
                        .into_iter()
                        .enumerate()
                        .map(|(place, row)| view! { <PhoneFields place row draft error clear_error /> })
                        .collect_view()
                }}
                <button
                    type="button"
                    class="button button--quiet"
                    data-test="add-phone"
                    on:click=move |_| {
                        draft
                            .phones
                            .update(|rows| rows.push(PhoneRow::new(String::new(), String::new(), PhoneKind::Mobile)));
                        clear_error();
                    }
                >
                    {t!(i18n, customer_form.add_phone)}
                </button>
            </fieldset>

            <fieldset class="form__section">
                <legend>{t!(i18n, customer_form.addresses)}</legend>
                {move || {
                    draft
                        .addresses
                        .get()
                        .into_iter()
                        .enumerate()
                        .map(|(place, row)| {
                            view! { <AddressFields place row draft error clear_error state_options /> }
                        })
                        .collect_view()
                }}
                <button
                    type="button"
                    class="button button--quiet"
                    data-test="add-address"
                    on:click=move |_| {
                        draft.addresses.update(|rows| rows.push(AddressRow::empty()));
                        clear_error();
                    }
                >
                    {t!(i18n, customer_form.add_address)}
                </button>
            </fieldset>

            <FormError error fields=FIELDS />
            <div class="form__actions">
                <button type="submit" class="button button--primary" disabled=pending>
                    {move || {
                        if pending.get() {
                            t!(i18n, customer_form.saving).into_any()
                        } else {
                            t!(i18n, customer_form.save).into_any()
                        }
                    }}
                </button>
                <A href=cancel_href attr:class="button button--quiet">
                    {t!(i18n, customer_form.cancel)}
                </A>
            </div>
        </form>
    }
}

/// The inputs of the phone at `place`, with its remove button.
#[component]
fn PhoneFields(
    place: usize,
    row: PhoneRow,
    draft: CustomerDraft,
    error: Signal<Option<ApiError>>,
    clear_error: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let key = row.key;
    let kinds = Signal::derive(move || {
        PhoneKind::ALL
            .iter()
            .map(|kind| (kind.as_str().to_owned(), phone_kind_name(*kind).to_owned()))
            .collect()
    });
    view! {
        <fieldset class="repeat repeat--group" data-test="phone-row">
            <legend>{t!(i18n, customer_form.phone, n = place + 1)}</legend>
            <div class="grid grid--phone">
                <FormField
                    name=format!("phones.{place}.ddd")
                    label=move || t!(i18n, customer_form.ddd)
                    value=row.ddd
                    error
                    inputmode="numeric"
                    mask=mask_ddd
                />
                <FormField
                    name=format!("phones.{place}.number")
                    label=move || t!(i18n, customer_form.phone_number)
                    value=row.number
                    error
                    input_type="tel"
                    inputmode="numeric"
                    mask=mask_phone
                />
                <SelectField
                    name=format!("phones.{place}.kind")
                    label=move || t!(i18n, customer_form.phone_kind)
                    value=row.kind
                    options=kinds
                    error
                />
            </div>
            <button
                type="button"
                class="button button--quiet repeat__remove"
                data-test="remove-phone"
                aria-label=move || format!("{} {}", t_string!(i18n, customer_form.remove_phone_label), place + 1)
                on:click=move |_| {
                    draft.phones.update(|rows| rows.retain(|row| row.key != key));
                    clear_error();
                }
            >
                {t!(i18n, customer_form.remove)}
            </button>
        </fieldset>
    }
}

/// The inputs of the address at `place`, with its remove button.
#[component]
fn AddressFields(
    place: usize,
    row: AddressRow,
    draft: CustomerDraft,
    error: Signal<Option<ApiError>>,
    clear_error: impl Fn() + Copy + Send + Sync + 'static,
    state_options: Signal<Vec<(String, String)>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let key = row.key;
    let kinds = Signal::derive(move || {
        AddressKind::ALL
            .iter()
            .map(|kind| (kind.as_str().to_owned(), address_kind_name(*kind).to_owned()))
            .collect()
    });
    let choose = Signal::derive(move || t_string!(i18n, customer_form.choose_state).to_owned());
    let field = move |name: &str| format!("addresses.{place}.{name}");
    view! {
        <fieldset class="repeat repeat--group" data-test="address-row">
            <legend>{t!(i18n, customer_form.address, n = place + 1)}</legend>
            <div class="grid">
                <SelectField
                    name=field("kind")
                    label=move || t!(i18n, customer_form.address_kind)
                    value=row.kind
                    options=kinds
                    error
                />
                <FormField
                    name=field("cep")
                    label=move || t!(i18n, customer_form.cep)
                    value=row.cep
                    error
                    inputmode="numeric"
                    autocomplete="postal-code"
                    mask=mask_cep
                />
                <FormField
                    name=field("street")
                    label=move || t!(i18n, customer_form.street)
                    value=row.street
                    error
                />
                <FormField
                    name=field("number")
                    label=move || t!(i18n, customer_form.address_number)
                    value=row.number
                    error
                />
                <FormField
                    name=field("complement")
                    label=move || t!(i18n, customer_form.complement)
                    value=row.complement
                    error
                />
                <FormField
                    name=field("district")
                    label=move || t!(i18n, customer_form.district)
                    value=row.district
                    error
                />
                <FormField
                    name=field("city")
                    label=move || t!(i18n, customer_form.city)
                    value=row.city
                    error
                />
                <SelectField
                    name=field("state")
                    label=move || t!(i18n, customer_form.state)
                    value=row.state
                    options=state_options
                    empty=choose
                    error
                />
            </div>
            <button
                type="button"
                class="button button--quiet repeat__remove"
                data-test="remove-address"
                aria-label=move || format!("{} {}", t_string!(i18n, customer_form.remove_address_label), place + 1)
                on:click=move |_| {
                    draft.addresses.update(|rows| rows.retain(|row| row.key != key));
                    clear_error();
                }
            >
                {t!(i18n, customer_form.remove)}
            </button>
        </fieldset>
    }
}
