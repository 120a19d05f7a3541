use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

use super::enter;
use crate::api::operations::{RegisterWorkshop, register_workshop};
use crate::api::{ApiError, CurrentUser, Session, request};
use crate::components::{FormError, FormField, PublicHeader, SubmitButton, use_form_submit};
use crate::format::mask_cnpj;
use crate::i18n::{t, use_i18n};

/// The inputs of the form, by their GraphQL names.
const FIELDS: &[&str] = &["workshopName", "cnpj", "adminName", "email", "password"];

/// `/cadastro`: a new workshop signs up; its first ADMIN lands in `/painel`.
#[component]
pub fn RegisterPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = Session::expect();
    let navigate = use_navigate();
    let workshop_name = RwSignal::new(String::new());
    let cnpj = RwSignal::new(String::new());
    let admin_name = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());

    let register = use_form_submit(move |_: &()| {
        let input = register_workshop::RegisterWorkshopInput {
            workshop_name: workshop_name.get_untracked(),
            cnpj: cnpj.get_untracked(),
            admin_name: admin_name.get_untracked(),
            email: email.get_untracked(),
            password: password.get_untracked(),
        };
        let navigate = navigate.clone();
        async move {
            let data = request::<RegisterWorkshop>(register_workshop::Variables { input }).await?;
            enter(session, CurrentUser::from(data), navigate);
            Ok::<(), ApiError>(())
        }
    });
    let pending = register.pending();
    let error = register.error();

    view! {
        <PublicHeader />
        <main class="page page--narrow">
            <h1>{t!(i18n, register.title)}</h1>
            <p class="lead">{t!(i18n, register.lead)}</p>
            <form class="form" novalidate on:submit=register.on_submit()>
                <FormField
                    name="workshopName"
                    label=move || t!(i18n, register.workshop_name)
                    value=workshop_name
                    error
                    autocomplete="organization"
                />
                <FormField
                    name="cnpj"
                    label=move || t!(i18n, register.cnpj)
                    hint=move || t!(i18n, register.cnpj_hint)
                    value=cnpj
                    error
                    mask=mask_cnpj
                />
                <FormField
                    name="adminName"
                    label=move || t!(i18n, register.admin_name)
                    value=admin_name
                    error
                    autocomplete="name"
                />
                <FormField
                    name="email"
                    label=move || t!(i18n, register.email)
                    value=email
                    error
                    input_type="email"
                    autocomplete="email"
                />
                <FormField
                    name="password"
                    label=move || t!(i18n, register.password)
                    hint=move || t!(i18n, register.password_hint)
                    value=password
                    error
                    input_type="password"
                    autocomplete="new-password"
                />
                <FormError error fields=FIELDS />
                <SubmitButton
                    pending
                    label=move || t!(i18n, register.submit)
                    pending_label=move || t!(i18n, register.submitting)
                />
            </form>
            <p class="aside">
                {t!(i18n, register.have_account)} " "
                <A href="/entrar">{t!(i18n, register.sign_in)}</A>
            </p>
        </main>
    }
}
