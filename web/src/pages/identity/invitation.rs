use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};

use super::enter;
use crate::api::operations::{AcceptInvitation, accept_invitation};
use crate::api::{ApiError, CurrentUser, Session, request};
use crate::components::{FormError, FormField, PublicHeader, SubmitButton, use_form_submit};
use crate::i18n::{t, use_i18n};

/// The inputs of the form, by their GraphQL names.
const FIELDS: &[&str] = &["password"];

/// `/convite/:token`: the invited customer sets a password (or gives the one of the account they
/// already have), is signed in as CUSTOMER and lands in `/cliente`.
#[component]
pub fn AcceptInvitationPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = Session::expect();
    let navigate = use_navigate();
    let params = use_params_map();
    let password = RwSignal::new(String::new());

    let accept = use_form_submit(move |_: &()| {
        let variables = accept_invitation::Variables {
            token: params.with_untracked(|params| params.get("token").unwrap_or_default()),
            password: password.get_untracked(),
        };
        let navigate = navigate.clone();
        async move {
            enter(session, CurrentUser::from(request::<AcceptInvitation>(variables).await?), navigate);
            Ok(())
        }
    });
    let pending = accept.pending();
    let result = accept.error();
    // A used, expired or unknown link, and a person who is in the workshop already, get their own
    // messages; the password's error shows next to it, anything else below the form.
    let link_invalid = move || result.get().is_some_and(|error| error.is_bad_input_on("token"));
    let already_member = move || matches!(result.get(), Some(ApiError::Conflict { .. }));
    let error = Signal::derive(move || {
        result
            .get()
            .filter(|error| !error.is_bad_input_on("token") && !matches!(error, ApiError::Conflict { .. }))
    });

    view! {
        <PublicHeader />
        <main class="page page--narrow">
            <h1>{t!(i18n, invitation.title)}</h1>
            <p class="lead">{t!(i18n, invitation.lead)}</p>
            <form class="form" novalidate on:submit=accept.on_submit()>
                <FormField
                    name="password"
                    label=move || t!(i18n, invitation.password)
                    hint=move || t!(i18n, invitation.password_hint)
                    value=password
                    error
                    input_type="password"
                    autocomplete="new-password"
                />
                <Show when=link_invalid>
                    <p class="form-error" role="alert" data-test="form-error">
                        {t!(i18n, invitation.link_invalid)}
                    </p>
                </Show>
                <Show when=already_member>
                    <p class="form-error" role="alert" data-test="form-error">
                        {t!(i18n, invitation.already_member)} " "
                        <A href="/entrar">{t!(i18n, invitation.sign_in)}</A>
                    </p>
                </Show>
                <FormError error fields=FIELDS />
                <SubmitButton
                    pending
                    label=move || t!(i18n, invitation.submit)
                    pending_label=move || t!(i18n, invitation.submitting)
                />
            </form>
            <p class="aside">
                {t!(i18n, invitation.have_access)} " "
                <A href="/entrar">{t!(i18n, invitation.sign_in)}</A>
            </p>
        </main>
    }
}
