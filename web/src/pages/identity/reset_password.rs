use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::api::operations::{ResetPassword, reset_password};
use crate::api::{Session, request};
use crate::components::{FormError, FormField, PublicHeader, SubmitButton, use_form_submit};
use crate::i18n::{t, use_i18n};

/// The inputs of the form, by their GraphQL names.
const FIELDS: &[&str] = &["password"];

/// `/redefinir-senha/:token`: a new password with the token of a reset link (`resetPassword`),
/// then a link to sign in with it.
#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = Session::expect();
    let params = use_params_map();
    let password = RwSignal::new(String::new());

    let reset = use_form_submit(move |_: &()| {
        let variables = reset_password::Variables {
            token: params.with_untracked(|params| params.get("token").unwrap_or_default()),
            password: password.get_untracked(),
        };
        async move {
            request::<ResetPassword>(variables).await?;
            // The server ended every session of the person, this browser's included.
            session.signed_out();
            password.set(String::new());
            Ok(())
        }
    });
    let pending = reset.pending();
    let reset_done = reset.done();
    let done = move || reset_done.with(Option::is_some);
    let result = reset.error();
    // A used, expired or unknown link gets its own message, with the way to ask for a new one.
    let link_invalid = move || result.get().is_some_and(|error| error.is_bad_input_on("token"));
    let error = Signal::derive(move || result.get().filter(|error| !error.is_bad_input_on("token")));

    view! {
        <PublicHeader />
        <main class="page page--narrow">
            <h1>{t!(i18n, reset_password.title)}</h1>
            <Show
                when=done
                fallback=move || {
                    view! {
                        <p class="lead">{t!(i18n, reset_password.lead)}</p>
                        <form class="form" novalidate on:submit=reset.on_submit()>
                            <FormField
                                name="password"
                                label=move || t!(i18n, reset_password.password)
                                hint=move || t!(i18n, reset_password.password_hint)
                                value=password
                                error
                                input_type="password"
                                autocomplete="new-password"
                            />
                            <Show when=link_invalid>
                                <p class="form-error" role="alert" data-test="form-error">
                                    {t!(i18n, reset_password.link_invalid)} " "
                                    <A href="/esqueci-senha">{t!(i18n, reset_password.ask_again)}</A>
                                </p>
                            </Show>
                            <FormError error fields=FIELDS />
                            <SubmitButton
                                pending
                                label=move || t!(i18n, reset_password.submit)
                                pending_label=move || t!(i18n, reset_password.submitting)
                            />
                        </form>
                    }
                }
            >
                <div class="notice notice--success" role="status" data-test="password-reset-done">
                    <p>{t!(i18n, reset_password.done)}</p>
                    <p>
                        <A href="/entrar">{t!(i18n, reset_password.sign_in)}</A>
                    </p>
                </div>
            </Show>
        </main>
    }
}
