//! The repeated sections of the customer form: e-mails, phones and addresses.

use leptos::prelude::*;

use super::draft::{AddressRow, EmailRow, PhoneRow};
use crate::api::ApiError;
use crate::components::{EnumSelect, FormField, RepeatList, Rows, SelectField};
use crate::format::{mask_cep, mask_ddd, mask_phone};
use crate::i18n::{address_kind_name, phone_kind_name, t, t_string, use_i18n};

/// The e-mails, each with its remove button, and "Adicionar e-mail".
#[component]
pub(super) fn EmailsSection(
    rows: Rows<EmailRow>,
    error: Signal<Option<ApiError>>,
    on_change: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <RepeatList
            legend=move || t!(i18n, customer_form.emails)
            rows
            new_row=EmailRow::empty
            add_label=move || t!(i18n, customer_form.add_email)
            add_test="add-email"
            remove_label=move || t!(i18n, customer_form.remove)
            remove_test="remove-email"
            remove_aria=Signal::derive(move || t_string!(i18n, customer_form.remove_email_label).to_owned())
            on_change
            row=move |place, row: EmailRow, remove| {
                view! {
                    <div class="repeat">
                        <FormField
                            name=format!("emails.{place}")
                            label=move || t!(i18n, customer_form.email, n = place + 1)
                            value=row.address
                            error
                            input_type="email"
                        />
                        {remove}
                    </div>
                }
            }
        />
    }
}

/// The phones, each with its remove button, and "Adicionar telefone".
#[component]
pub(super) fn PhonesSection(
    rows: Rows<PhoneRow>,
    error: Signal<Option<ApiError>>,
    on_change: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <RepeatList
            legend=move || t!(i18n, customer_form.phones)
            rows
            new_row=PhoneRow::empty
            add_label=move || t!(i18n, customer_form.add_phone)
            add_test="add-phone"
            remove_label=move || t!(i18n, customer_form.remove)
            remove_test="remove-phone"
            remove_aria=Signal::derive(move || t_string!(i18n, customer_form.remove_phone_label).to_owned())
            on_change
            row=move |place, row: PhoneRow, remove| {
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
                            <EnumSelect
                                name=format!("phones.{place}.kind")
                                label=move || t!(i18n, customer_form.phone_kind)
                                value=row.kind
                                text=phone_kind_name
                                error
                            />
                        </div>
                        {remove}
                    </fieldset>
                }
            }
        />
    }
}

/// The addresses, each with its remove button, and "Adicionar endereço"; `states` are the
/// options of the state's select.
#[component]
pub(super) fn AddressesSection(
    rows: Rows<AddressRow>,
    error: Signal<Option<ApiError>>,
    on_change: Callback<()>,
    states: Signal<Vec<(String, String)>>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <RepeatList
            legend=move || t!(i18n, customer_form.addresses)
            rows
            new_row=AddressRow::empty
            add_label=move || t!(i18n, customer_form.add_address)
            add_test="add-address"
            remove_label=move || t!(i18n, customer_form.remove)
            remove_test="remove-address"
            remove_aria=Signal::derive(move || t_string!(i18n, customer_form.remove_address_label).to_owned())
            on_change
            row=move |place, row: AddressRow, remove| {
                view! { <AddressFields place row error states remove /> }
            }
        />
    }
}

/// The inputs of the address at `place`, followed by its `remove` button.
#[component]
fn AddressFields(
    place: usize,
    row: AddressRow,
    error: Signal<Option<ApiError>>,
    states: Signal<Vec<(String, String)>>,
    remove: AnyView,
) -> impl IntoView {
    let i18n = use_i18n();
    let choose = Signal::derive(move || t_string!(i18n, customer_form.choose_state).to_owned());
    let field = move |name: &str| format!("addresses.{place}.{name}");
    view! {
        <fieldset class="repeat repeat--group" data-test="address-row">
            <legend>{t!(i18n, customer_form.address, n = place + 1)}</legend>
            <div class="grid">
                <EnumSelect
                    name=field("kind")
                    label=move || t!(i18n, customer_form.address_kind)
                    value=row.kind
                    text=address_kind_name
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
                    options=states
                    empty=choose
                    error
                />
            </div>
            {remove}
        </fieldset>
    }
}
