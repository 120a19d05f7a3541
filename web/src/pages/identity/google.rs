//! Sign in with Google in the app: the button of the sign-in page (only when the server has
//! Google configured), the message for what the server's callback sent back
//! (`?google_error=<code>`, `?google=linked`), and linking or unlinking Google from the profile.
//! Starting is a full-page navigation to the server's `/auth/google/start`, never the router's.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::security::{
    GoogleSignInEnabled, SignInMethods, UnlinkGoogle, google_sign_in_enabled, sign_in_methods, unlink_google,
};
use crate::api::{ApiError, request};
use crate::components::Loaded;
use crate::i18n::{error_message, t, t_string, use_i18n};

/// Whether the server offers sign in with Google (false until it answers, or when it fails).
fn google_enabled() -> Signal<bool> {
    let enabled = LocalResource::new(|| request::<GoogleSignInEnabled>(google_sign_in_enabled::Variables));
    Signal::derive(move || enabled.get().and_then(Result::ok).is_some_and(|data| data.google_sign_in_enabled))
}

/// "Entrar com Google" on the sign-in page, hidden when Google is not configured.
#[component]
pub fn GoogleButton() -> impl IntoView {
    let i18n = use_i18n();
    let enabled = google_enabled();
    view! {
        <Show when=move || enabled.get()>
            <div class="google-sign-in">
                <p class="divider">{t!(i18n, google.or)}</p>
                <a class="button" href="/auth/google/start" rel="external" data-test="google-sign-in">
                    {t!(i18n, google.sign_in)}
                </a>
            </div>
        </Show>
    }
}

/// The error the server's Google callback sent back in `?google_error=`, if any.
#[component]
pub fn GoogleError() -> impl IntoView {
    let query = use_query_map();
    let code = Memo::new(move |_| query.with(|query| query.get("google_error")));
    move || {
        code.get().map(|code| {
            view! {
                <div class="notice notice--error" role="alert" data-test="google-error">
                    <p>{move || google_error_message(&code)}</p>
                </div>
            }
        })
    }
}

/// What went wrong, for a `google_error` code, in the current language.
fn google_error_message(code: &str) -> String {
    let i18n = use_i18n();
    match code {
        "no_account" => t_string!(i18n, google.no_account),
        "email_unverified" => t_string!(i18n, google.email_unverified),
        "linked_elsewhere" => t_string!(i18n, google.linked_elsewhere),
        "denied" => t_string!(i18n, google.denied),
        "state" | "expired" => t_string!(i18n, google.expired),
        "session" => t_string!(i18n, google.session),
        "disabled" => t_string!(i18n, google.disabled),
        "rate_limited" => t_string!(i18n, google.rate_limited),
        _ => t_string!(i18n, google.failed),
    }
    .to_owned()
}

/// The profile's "Google" card: the linked account and "Desvincular", or "Vincular conta
/// Google" (when the server offers Google). Unlinking the last way to sign in shows the server's
/// refusal.
#[component]
pub fn GoogleLink() -> impl IntoView {
    let i18n = use_i18n();
    let enabled = google_enabled();
    let query = use_query_map();
    let linked_now = move || query.with(|query| query.get("google").as_deref() == Some("linked"));
    let methods = LocalResource::new(|| request::<SignInMethods>(sign_in_methods::Variables));
    let unlink = Action::new_local(move |_: &()| async move {
        request::<UnlinkGoogle>(unlink_google::Variables).await?;
        methods.refetch();
        Ok::<(), ApiError>(())
    });
    let failed = move || unlink.value().get().and_then(Result::err);
    view! {
        <section class="card" data-test="google">
            <h2>{t!(i18n, google.title)}</h2>
            <GoogleError />
            <Show when=linked_now>
                <div class="notice notice--success" role="status" data-test="google-linked-now">
                    <p>{t!(i18n, google.linked_now)}</p>
                </div>
            </Show>
            <Loaded
                resource=methods
                show=move |data: sign_in_methods::ResponseData| match data.sign_in_methods.google {
                    Some(linked) => {
                        view! {
                            <p data-test="google-linked">
                                {t!(i18n, google.linked_as)} " " <strong>{linked.email}</strong>
                            </p>
                            <button
                                type="button"
                                class="button button--quiet"
                                data-test="unlink-google"
                                disabled=unlink.pending()
                                on:click=move |_| {
                                    unlink.dispatch(());
                                }
                            >
                                {t!(i18n, google.unlink)}
                            </button>
                        }
                            .into_any()
                    }
                    None => {
                        view! {
                            <p data-test="google-not-linked">{t!(i18n, google.not_linked)}</p>
                            <Show when=move || enabled.get()>
                                <a class="button" href="/auth/google/start?link=1" rel="external" data-test="link-google">
                                    {t!(i18n, google.link)}
                                </a>
                            </Show>
                        }
                            .into_any()
                    }
                }
            />
            {move || failed().map(|e| view! { <p class="form-error" role="alert">{error_message(&e)}</p> })}
        </section>
    }
}
