//! The second step of signing in for a user with MFA on: the code from the authenticator app,
//! or a recovery code.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use super::enter;
use crate::api::security::{CompleteMfaSignIn, complete_mfa_sign_in};
use crate::api::{ApiError, CurrentUser, Session, request};
use crate::components::{FormError, FormField, SubmitButton, use_form_submit};
use crate::i18n::{t, use_i18n};

/// The inputs of the form, by their GraphQL names.
const FIELDS: &[&str] = &["code"];

/// Asks for the code that completes the sign-in with `challenge`; an expired or used challenge
/// sends the person back to the password form (`restart` cleared).
#[component]
pub fn MfaCodeForm(challenge: String, restart: RwSignal<Option<String>>) -> impl IntoView {
    let i18n = use_i18n();
    let session = Session::expect();
    let navigate = use_navigate();
    let code = RwSignal::new(String::new());
    let complete = use_form_submit(move |_: &()| {
        let variables =
            complete_mfa_sign_in::Variables { challenge: challenge.clone(), code: code.get_untracked() };
        let navigate = navigate.clone();
        async move {
            let answer = request::<CompleteMfaSignIn>(variables).await;
            if matches!(&answer, Err(error) if error.is_bad_input_on("challenge")) {
                restart.set(None);
            }
            enter(session, CurrentUser::from(answer?), navigate);
            Ok::<(), ApiError>(())
        }
    });
    let pending = complete.pending();
    let error = complete.error();
    view! {
        <form class="form" novalidate on:submit=complete.on_submit() data-test="mfa-form">
            <p class="lead">{t!(i18n, sign_in.code_lead)}</p>
            <FormField
                name="code"
                label=move || t!(i18n, sign_in.code)
                hint=move || t!(i18n, sign_in.code_hint)
                value=code
                error
                autocomplete="one-time-code"
                inputmode="numeric"
            />
            <FormError error fields=FIELDS />
            <SubmitButton
                pending
                label=move || t!(i18n, sign_in.code_submit)
                pending_label=move || t!(i18n, sign_in.submitting)
            />
            <button type="button" class="button button--link" on:click=move |_| restart.set(None)>
                {t!(i18n, sign_in.code_back)}
            </button>
        </form>
    }
}
