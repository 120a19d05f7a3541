//! The invitation of a customer to the customer portal, on the 360 page (ADMIN, OPERATOR).

use leptos::prelude::*;

use crate::api::operations::{InviteCustomer, invite_customer};
use crate::api::{ApiError, request};
use crate::components::{FormError, SubmitButton, use_form_submit_named};
use crate::i18n::{error_message, t, t_string, use_i18n};

/// The server's name for the e-mail (where its errors point).
const FIELDS: &[&str] = &["email"];
/// The input's `name`: on a page full of customer data, it says which e-mail this is.
const INPUT: &str = "inviteEmail";

/// The input for the server's field `field`: the e-mail's is [`INPUT`].
fn input_name(field: &str) -> &str {
    if field == "email" { INPUT } else { field }
}

/// What to tell about `error` next to the e-mail: an e-mail that already has access to the
/// workshop (CONFLICT) gets its own sentence, anything else the usual message.
fn email_error_text(error: &ApiError) -> String {
    let i18n = use_i18n();
    match error {
        ApiError::Conflict { .. } => t_string!(i18n, invite.already_member).to_owned(),
        _ => error_message(error),
    }
}

/// Asks for the e-mail (prefilled with the customer's first) and sends the invitation
/// (`inviteCustomer`): a one-time link, valid for 7 days, to set a password and follow the
/// customer's vehicles in `/cliente`.
#[component]
pub fn InviteForm(
    /// The customer to invite.
    customer_id: String,
    /// The e-mail to start with.
    email: Option<String>,
    /// Called with the e-mail once the invitation is on its way.
    on_sent: Callback<String>,
    /// Called by "Cancelar".
    on_cancel: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let email = RwSignal::new(email.unwrap_or_default());
    let invite = use_form_submit_named(input_name, move |_: &()| {
        let variables =
            invite_customer::Variables { customer_id: customer_id.clone(), email: email.get_untracked() };
        let sent_to = variables.email.trim().to_owned();
        async move {
            request::<InviteCustomer>(variables).await?;
            on_sent.run(sent_to);
            Ok(())
        }
    });
    let pending = invite.pending();
    let error = invite.error();
    let email_error = Memo::new(move |_| error.get().filter(|error| error.field() == Some("email")));
    let has_error = move || email_error.with(Option::is_some);

    view! {
        <form class="form card invite-form" data-test="invite-form" novalidate on:submit=invite.on_submit()>
            <h2>{t!(i18n, invite.title)}</h2>
            <div class="field" class:field--invalid=has_error>
                <label for="field-inviteEmail">{t!(i18n, invite.email)}</label>
                <p class="field__hint" id="field-inviteEmail-hint">
                    {t!(i18n, invite.email_hint)}
                </p>
                <input
                    id="field-inviteEmail"
                    name=INPUT
                    type="email"
                    autocomplete="off"
                    aria-invalid=move || has_error().to_string()
                    aria-describedby="field-inviteEmail-hint field-inviteEmail-error"
                    prop:value=email
                    on:input=move |event| email.set(event_target_value(&event))
                />
                {move || {
                    email_error
                        .get()
                        .map(|error| {
                            view! {
                                <p class="field__error" id="field-inviteEmail-error" data-field-error="email">
                                    {move || email_error_text(&error)}
                                </p>
                            }
                        })
                }}
            </div>
            <FormError error fields=FIELDS />
            <div class="form__actions">
                <SubmitButton
                    pending
                    label=move || t!(i18n, invite.send)
                    pending_label=move || t!(i18n, invite.sending)
                />
                <button type="button" class="button button--quiet" on:click=move |_| on_cancel.run(())>
                    {t!(i18n, invite.cancel)}
                </button>
            </div>
        </form>
    }
}
