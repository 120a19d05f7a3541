use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

use super::enter;
use super::google::{GoogleButton, GoogleError};
use super::mfa_code::MfaCodeForm;
use crate::api::operations::{SignIn, sign_in};
use crate::api::portal::{MyMemberships, my_memberships};
use crate::api::{ApiError, CurrentUser, Session, request};
use crate::components::{FormError, FormField, PublicHeader, SubmitButton, use_form_submit};
use crate::i18n::{t, use_i18n};
use crate::pages::portal::switch_to;

/// The inputs of the form, by their GraphQL names.
const FIELDS: &[&str] = &["email", "password"];

/// A person signed in who belongs to several workshops, before they chose one.
#[derive(Debug, Clone)]
struct Choosing {
    user: CurrentUser,
    /// Every workshop: (id, name), the session's own first.
    workshops: Vec<(String, String)>,
}

/// `/entrar`: signs in and goes to the area of the person's role; someone who belongs to
/// several workshops first picks one.
#[component]
pub fn SignInPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = Session::expect();
    let navigate = use_navigate();
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let choosing = RwSignal::new(None::<Choosing>);
    // The challenge of a right password for a user with MFA on: the form asks for the code.
    let challenge = RwSignal::new(None::<String>);
    // Google's callback sends a user with MFA on here with the challenge in the fragment.
    let location = window().location();
    if let Some(sent) = location.hash().ok().and_then(|hash| hash.strip_prefix("#mfa=").map(str::to_owned)) {
        let _ = location.set_hash("");
        challenge.set(Some(sent));
    }

    let sign_in = use_form_submit(move |_: &()| {
        let variables = sign_in::Variables {
            email: email.get_untracked(),
            password: password.get_untracked(),
            workshop_id: None,
        };
        let navigate = navigate.clone();
        async move {
            let user = match request::<SignIn>(variables).await {
                Err(ApiError::MfaRequired { challenge: sent }) => {
                    challenge.set(Some(sent));
                    return Ok(());
                }
                answer => CurrentUser::from(answer?),
            };
            // With one workshop (or no answer on the others) there is nothing to choose.
            let mine = request::<MyMemberships>(my_memberships::Variables).await.ok();
            match mine.filter(|data| data.me.memberships.len() > 1) {
                Some(data) => {
                    let current = data.me.membership.workshop.id;
                    let mut workshops: Vec<(String, String)> =
                        data.me.memberships.into_iter().map(|m| (m.workshop.id, m.workshop.name)).collect();
                    workshops.sort_by_key(|(id, _)| *id != current);
                    choosing.set(Some(Choosing { user, workshops }));
                }
                None => enter(session, user, navigate),
            }
            Ok::<(), ApiError>(())
        }
    });
    let pending = sign_in.pending();
    let result = sign_in.error();
    // Here UNAUTHENTICATED means wrong credentials, not an ended session: it gets its own message.
    let wrong_credentials = move || result.get() == Some(ApiError::Unauthenticated);
    let error = Signal::derive(move || result.get().filter(|error| *error != ApiError::Unauthenticated));

    let navigate = use_navigate();
    let chosen = Action::new_local(move |index: &usize| {
        let picked = choosing.get_untracked().map(|c| (c.user, c.workshops[*index].0.clone(), *index == 0));
        let navigate = navigate.clone();
        async move {
            match picked {
                // The session's own workshop: nothing to switch.
                Some((user, _, true)) => {
                    enter(session, user, navigate);
                    Ok(())
                }
                Some((_, id, false)) => switch_to(session, id).await,
                None => Ok(()),
            }
        }
    });
    let choice_error = move || chosen.value().get().and_then(Result::err);

    view! {
        <PublicHeader />
        <main class="page page--narrow">
            {move || {
                choosing
                    .get()
                    .map(|choosing| {
                        view! {
                            <section class="card" data-test="choose-workshop">
                                <h2>{t!(i18n, portal.choose_title)}</h2>
                                <p>{t!(i18n, portal.choose_lead)}</p>
                                <ul class="choice-list">
                                    {choosing
                                        .workshops
                                        .into_iter()
                                        .enumerate()
                                        .map(|(index, (_, name))| {
                                            view! {
                                                <li>
                                                    <button
                                                        type="button"
                                                        class="button"
                                                        data-test="choose-workshop-option"
                                                        disabled=chosen.pending()
                                                        on:click=move |_| {
                                                            chosen.dispatch(index);
                                                        }
                                                    >
                                                        {name}
                                                    </button>
                                                </li>
                                            }
                                        })
                                        .collect_view()}
                                </ul>
                                {move || {
                                    choice_error()
                                        .map(|error| {
                                            view! {
                                                <p class="form-error" role="alert">
                                                    {move || crate::i18n::error_message(&error)}
                                                </p>
                                            }
                                        })
                                }}
                            </section>
                        }
                    })
            }}
            <h1>{t!(i18n, sign_in.title)}</h1>
            <p class="lead">{t!(i18n, sign_in.lead)}</p>
            <GoogleError />
            {move || challenge.get().map(|sent| view! { <MfaCodeForm challenge=sent restart=challenge /> })}
            <form class="form" novalidate on:submit=sign_in.on_submit() hidden=move || challenge.with(Option::is_some)>
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
            <Show when=move || challenge.with(Option::is_none)>
                <GoogleButton />
            </Show>
            <p class="aside">
                {t!(i18n, sign_in.no_account)} " "
                <A href="/cadastro">{t!(i18n, sign_in.create)}</A>
            </p>
        </main>
    }
}
