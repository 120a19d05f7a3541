//! The customer's data and contacts on the 360 page.

use leptos::prelude::*;

use crate::api::operations::CustomerKind;
use crate::api::operations::customer::{CustomerCustomerAddresses, CustomerCustomerPhones};
use crate::format::{mask_cep, show_phone};
use crate::i18n::{address_kind_name, date_text, phone_kind_name, t, use_i18n};

/// The customer's document (CPF or CNPJ by `kind`), RG, birth date and marketing consent.
#[component]
pub(super) fn CustomerFacts(
    kind: CustomerKind,
    document: String,
    rg: Option<String>,
    birth_date: Option<String>,
    consent: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let document_label = move || match kind {
        CustomerKind::Company => t!(i18n, customer_page.cnpj).into_any(),
        _ => t!(i18n, customer_page.cpf).into_any(),
    };
    view! {
        <section class="card">
            <h2>{t!(i18n, customer_page.data)}</h2>
            <dl class="facts">
                <div>
                    <dt>{document_label}</dt>
                    <dd data-test="customer-document">{document}</dd>
                </div>
                {rg.map(|rg| view! {
                    <div>
                        <dt>{t!(i18n, customer_page.rg)}</dt>
                        <dd>{rg}</dd>
                    </div>
                })}
                {birth_date.map(|birth_date| view! {
                    <div>
                        <dt>{t!(i18n, customer_page.birth_date)}</dt>
                        <dd>{move || date_text(&birth_date)}</dd>
                    </div>
                })}
                <div>
                    <dt>{t!(i18n, customer_page.marketing)}</dt>
                    <dd>
                        {if consent {
                            t!(i18n, customer_page.marketing_yes).into_any()
                        } else {
                            t!(i18n, customer_page.marketing_no).into_any()
                        }}
                    </dd>
                </div>
            </dl>
        </section>
    }
}

/// The customer's e-mails, phones and addresses, or the empty state.
#[component]
pub(super) fn CustomerContacts(
    emails: Vec<String>,
    phones: Vec<CustomerCustomerPhones>,
    addresses: Vec<CustomerCustomerAddresses>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="card">
            <h2>{t!(i18n, customer_page.contacts)}</h2>
            {(emails.is_empty() && phones.is_empty() && addresses.is_empty())
                .then(|| view! { <p class="empty">{t!(i18n, customer_page.no_contacts)}</p> })}
            <ul class="contact-list">
                {emails
                    .into_iter()
                    .map(|email| {
                        view! {
                            <li data-test="customer-email">
                                <a href=format!("mailto:{email}")>{email.clone()}</a>
                            </li>
                        }
                    })
                    .collect_view()}
                {phones
                    .into_iter()
                    .map(|phone| {
                        let kind = phone.kind;
                        let digits = format!("{}{}", phone.ddd, phone.number);
                        view! {
                            <li data-test="customer-phone">
                                <a href=format!("tel:+55{digits}")>{show_phone(&phone.ddd, &phone.number)}</a>
                                " "
                                <span class="muted">{move || phone_kind_name(kind)}</span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            <ul class="address-list">
                {addresses
                    .into_iter()
                    .map(|address| {
                        let kind = address.kind;
                        let first_line = match &address.complement {
                            Some(complement) => {
                                format!("{}, {} — {}", address.street, address.number, complement)
                            }
                            None => format!("{}, {}", address.street, address.number),
                        };
                        let second_line = format!(
                            "{}, {}/{}",
                            address.district,
                            address.city,
                            address.state,
                        );
                        let cep = mask_cep(&address.cep);
                        view! {
                            <li data-test="customer-address">
                                <span class="muted">{move || address_kind_name(kind)}</span>
                                <span>{first_line}</span>
                                <span>{second_line}</span>
                                <span>{t!(i18n, customer_page.cep, cep = cep)}</span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}
