//! `/painel/parceiros` (ADMIN): the partners (add, rename or change the commission, deactivate),
//! their offers, and the commission ledger.

use leptos::prelude::*;

use super::ledger::LedgerCard;
use super::offers::OffersCard;
use crate::api::partners::{
    PartnersAdmin, PartnersCreate, PartnersDeactivate, PartnersUpdate, partners_admin, partners_create,
    partners_deactivate, partners_update,
};
use crate::api::{ApiError, Role, Session, request};
use crate::components::{FormError, FormField, Loaded, SubmitButton, use_form_submit};
use crate::i18n::{error_message, t, use_i18n};

/// The add form's inputs, by the server's field names.
const FIELDS: &[&str] = &["name", "email", "password", "commissionPercent"];
/// A partner row's inputs.
const ROW_FIELDS: &[&str] = &["name", "commissionPercent"];

type Admin = partners_admin::ResponseData;
type PartnerRow = partners_admin::PartnersAdminPartners;

/// A percent as typed (`10`, `7,5`), or `None`.
pub(super) fn parse_percent(typed: &str) -> Option<f64> {
    typed.trim().replace(',', ".").parse().ok()
}

/// `/painel/parceiros`.
#[component]
pub fn PartnersAdminPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = Session::expect();
    let is_admin = move || session.user().is_some_and(|user| user.role == Role::Admin);
    view! {
        <h1>{t!(i18n, partners.title)}</h1>
        <Show
            when=is_admin
            fallback=move || view! { <div class="notice notice--error" role="alert"><p>{t!(i18n, partners.admin_only)}</p></div> }
        >
            <PartnersManager />
        </Show>
    }
}

#[component]
fn PartnersManager() -> impl IntoView {
    let i18n = use_i18n();
    let loaded = LocalResource::new(|| request::<PartnersAdmin>(partners_admin::Variables));
    let reload = Callback::new(move |()| loaded.refetch());
    view! {
        <section class="card" data-test="partners">
            <h2>{t!(i18n, partners.list_title)}</h2>
            <Loaded resource=loaded show=move |admin: Admin| view! { <PartnerList partners=admin.partners reload /> } />
        </section>
        <CreatePartnerForm reload />
        <Loaded resource=loaded show=move |admin: Admin| view! { <OffersCard admin reload /> } />
        <Loaded
            resource=loaded
            show=move |admin: Admin| {
                let partners = admin.partners.into_iter().map(|p| (p.id, p.name)).collect();
                view! { <LedgerCard admin_partners=partners /> }
            }
        />
    }
}

#[component]
fn PartnerList(partners: Vec<PartnerRow>, reload: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    if partners.is_empty() {
        return view! { <p class="empty">{t!(i18n, partners.empty)}</p> }.into_any();
    }
    view! {
        <ul class="staff-list">
            {partners.into_iter().map(|partner| view! { <PartnerItem partner reload /> }).collect_view()}
        </ul>
    }
    .into_any()
}

/// One partner: its name, login and commission, editable while it is active.
#[component]
fn PartnerItem(partner: PartnerRow, reload: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let id = partner.id.clone();
    let name = RwSignal::new(partner.name.clone());
    let percent = RwSignal::new(partner.commission_percent.to_string().replace('.', ","));
    let save = use_form_submit(move |_: &()| {
        let (id, name) = (id.clone(), name.get_untracked());
        // A percent that does not parse goes as -1: the server names the field.
        let commission_percent = Some(parse_percent(&percent.get_untracked()).unwrap_or(-1.0));
        async move {
            let input = partners_update::PartnerUpdateInput { name: Some(name), commission_percent };
            request::<PartnersUpdate>(partners_update::Variables { id, input }).await?;
            reload.run(());
            Ok::<(), ApiError>(())
        }
    });
    let id = partner.id.clone();
    let deactivate = Action::new_local(move |_: &()| {
        let id = id.clone();
        async move {
            request::<PartnersDeactivate>(partners_deactivate::Variables { id }).await?;
            reload.run(());
            Ok::<(), ApiError>(())
        }
    });
    let (pending, error) = (save.pending(), save.error());
    if !partner.active {
        return view! {
            <li class="staff-row" data-test="partner-row">
                <span class="staff-row__name">{partner.name}</span>
                <span class="staff-row__email">{partner.email}</span>
                <span class="badge">{t!(i18n, partners.inactive)}</span>
            </li>
        }
        .into_any();
    }
    view! {
        <li class="staff-row" data-test="partner-row">
            <form class="form form--inline" novalidate on:submit=save.on_submit()>
                <FormField name="name" label=move || t!(i18n, partners.name) value=name error />
                <FormField
                    name="commissionPercent"
                    label=move || t!(i18n, partners.commission)
                    value=percent
                    error
                    inputmode="decimal"
                />
                <span class="staff-row__email">{partner.email}</span>
                <FormError error fields=ROW_FIELDS />
                <SubmitButton pending label=move || t!(i18n, partners.save) pending_label=move || t!(i18n, partners.saving) />
                <button
                    type="button"
                    class="button button--danger"
                    data-test="deactivate"
                    on:click=move |_| {
                        if window().confirm_with_message(&t_confirm()).unwrap_or(false) {
                            deactivate.dispatch(());
                        }
                    }
                >
                    {t!(i18n, partners.deactivate)}
                </button>
                {move || deactivate.value().get().and_then(Result::err).map(|e| view! { <p class="field-error">{error_message(&e)}</p> })}
            </form>
        </li>
    }
    .into_any()
}

/// "Desativar este parceiro?" in the current language.
fn t_confirm() -> String {
    let i18n = use_i18n();
    crate::i18n::t_string!(i18n, partners.deactivate_confirm).to_owned()
}

#[component]
fn CreatePartnerForm(reload: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let name = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let percent = RwSignal::new("10".to_owned());
    let create = use_form_submit(move |_: &()| {
        let input = partners_create::PartnerInput {
            name: name.get_untracked(),
            email: email.get_untracked(),
            password: password.get_untracked(),
            commission_percent: parse_percent(&percent.get_untracked()).unwrap_or(-1.0),
        };
        async move {
            let created = request::<PartnersCreate>(partners_create::Variables { input }).await?;
            name.set(String::new());
            email.set(String::new());
            password.set(String::new());
            reload.run(());
            Ok::<String, ApiError>(created.create_partner.name)
        }
    });
    let (pending, error, done) = (create.pending(), create.error(), create.done());
    view! {
        <section class="card">
            <h2>{t!(i18n, partners.add_title)}</h2>
            <form class="form" novalidate on:submit=create.on_submit()>
                <FormField name="name" label=move || t!(i18n, partners.name) value=name error />
                <FormField name="email" label=move || t!(i18n, partners.email) value=email error input_type="email" />
                <FormField
                    name="password"
                    label=move || t!(i18n, partners.password)
                    value=password
                    error
                    input_type="password"
                    autocomplete="new-password"
                />
                <FormField
                    name="commissionPercent"
                    label=move || t!(i18n, partners.commission)
                    hint=move || t!(i18n, partners.commission_hint)
                    value=percent
                    error
                    inputmode="decimal"
                />
                <FormError error fields=FIELDS />
                {move || done.get().map(|name| view! { <p class="notice notice--success" role="status">{t!(i18n, partners.added, name = name.clone())}</p> })}
                <SubmitButton pending label=move || t!(i18n, partners.add) pending_label=move || t!(i18n, partners.saving) data_test="add-partner" />
            </form>
        </section>
    }
}
