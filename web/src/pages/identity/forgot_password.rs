use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::operations::{RequestPasswordReset, request_password_reset};
use crate::api::request;
use crate::components::{FormError, FormField, PublicHeader, SubmitButton, focus_field, use_form_submit};
use crate::i18n::{t, use_i18n};

/// The inputs of the form, by their GraphQL names.
const FIELDS: &[&str] = &["email"];

/// `/esqueci-senha`: asks for a password-reset link (`requestPasswordReset`). The answer is the
/// same whether or not the e-mail has an account, and so is the confirmation.
#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let i18n = use_i18n();
    let email = RwSignal::new(String::new());
    // Nothing typed is caught here: the server would answer "sent" to an empty e-mail too.
    let missing = RwSignal::new(false);

    let send = use_form_submit(move |typed: &String| {
        let variables = request_password_reset::Variables { email: typed.clone() };
        async move { request::<RequestPasswordReset>(variables).await.map(drop) }
    });
    let pending = send.pending();
    let sent = send.done();
    let requested = move || sent.with(Option::is_some);
    let error = send.error();

    view! {
        <PublicHeader />
        <main class="page page--narrow">
            <h1>{t!(i18n, forgot_password.title)}</h1>
            <Show
                when=requested
                fallback=move || {
                    view! {
                        <p class="lead">{t!(i18n, forgot_password.lead)}</p>
                        <form
                            class="form"
                            novalidate
                            on:submit=move |event| {
                                event.prevent_default();
                                let typed = email.get_untracked().trim().to_owned();
                                missing.set(typed.is_empty());
                                if typed.is_empty() {
                                    focus_field("email");
                                } else {
                                    send.dispatch(typed);
                                }
                            }
                        >
                            <FormField
                                name="email"
                                label=move || t!(i18n, forgot_password.email)
                                value=email
                                error
                                input_type="email"
                                autocomplete="email"
                            />
                            <Show when=move || missing.get()>
                                <p class="field__error" data-field-error="email">
                                    {t!(i18n, forgot_password.email_missing)}
                                </p>
                            </Show>
                            <FormError error fields=FIELDS />
                            <SubmitButton
                                pending
                                label=move || t!(i18n, forgot_password.submit)
                                pending_label=move || t!(i18n, forgot_password.submitting)
                            />
                        </form>
                    }
                }
            >
                <div class="notice notice--success" role="status" data-test="reset-requested">
                    <p>{t!(i18n, forgot_password.requested)}</p>
                </div>
            </Show>
            <p class="aside">
                <A href="/entrar">{t!(i18n, forgot_password.back_to_sign_in)}</A>
            </p>
        </main>
    }
}
