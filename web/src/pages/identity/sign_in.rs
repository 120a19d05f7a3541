use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

use super::enter;
use crate::api::operations::{SignIn, sign_in};
use crate::api::{ApiError, CurrentUser, Session, request};
use crate::components::{FormError, FormField, PublicHeader, SubmitButton, use_form_submit};
use crate::i18n::{t, use_i18n};

/// The inputs of the form, by their GraphQL names.
const FIELDS: &[&str] = &["email", "password"];

/// `/entrar`: signs in and goes to the area of the person's role.
#[component]
pub fn SignInPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = Session::expect();
    let navigate = use_navigate();
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());

    let sign_in = use_form_submit(move |_: &()| {
        let variables = sign_in::Variables {
            email: email.get_untracked(),
            password: password.get_untracked(),
            workshop_id: None,
        };
        let navigate = navigate.clone();
        async move {
            enter(session, CurrentUser::from(request::<SignIn>(variables).await?), navigate);
            Ok::<(), ApiError>(())
        }
    });
    let pending = sign_in.pending();
    let result = sign_in.error();
    // Here UNAUTHENTICATED means wrong credentials, not an ended session: it gets its own message.
    let wrong_credentials = move || result.get() == Some(ApiError::Unauthenticated);
    let error = Signal::derive(move || result.get().filter(|error| *error != ApiError::Unauthenticated));

    view! {
        <PublicHeader />
        <main class="page page--narrow">
            <h1>{t!(i18n, sign_in.title)}</h1>
            <p class="lead">{t!(i18n, sign_in.lead)}</p>
            <form class="form" novalidate on:submit=sign_in.on_submit()>
                <FormField
                    name="email"
                    label=move || t!(i18n, sign_in.email)
                    value=email
                    error
                    input_type="email"
                    autocomplete="username"
                />
                <FormField
                    name="password"
                    label=move || t!(i18n, sign_in.password)
                    value=password
                    error
                    input_type="password"
                    autocomplete="current-password"
                />
                <A href="/esqueci-senha" attr:class="form__link" attr:data-test="forgot-password">
                    {t!(i18n, sign_in.forgot_password)}
                </A>
                <Show when=wrong_credentials>
                    <p class="form-error" role="alert" data-test="form-error">
                        {t!(i18n, sign_in.invalid_credentials)}
                    </p>
                </Show>
                <FormError error fields=FIELDS />
                <SubmitButton
                    pending
                    label=move || t!(i18n, sign_in.submit)
                    pending_label=move || t!(i18n, sign_in.submitting)
                />
            </form>
            <p class="aside">
                {t!(i18n, sign_in.no_account)} " "
                <A href="/cadastro">{t!(i18n, sign_in.create)}</A>
            </p>
        </main>
    }
}
