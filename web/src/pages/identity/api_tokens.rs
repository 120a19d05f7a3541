//! "Integrações" (`/painel/integracoes`, ADMIN): the workshop's API tokens for integrators. A new
//! token's secret is shown once, with a copy button and a warning (the server keeps only its
//! hash); revoking asks for a confirmation first.

use leptos::prelude::*;

use crate::api::operations::{
    ApiTokenScope, ApiTokens, CreateApiToken, RevokeApiToken, api_tokens, create_api_token, revoke_api_token,
};
use crate::api::{ApiError, Role, Session, request};
use crate::components::{EnumSelect, FormError, FormField, Loaded, SubmitButton, use_form_submit};
use crate::i18n::{date_text, error_message, t, t_string, use_i18n};

/// The inputs of the create form, by their GraphQL names.
const FIELDS: &[&str] = &["name", "scope", "expiresAt"];

/// A token as the list shows it.
#[derive(Debug, Clone, PartialEq)]
struct Token {
    id: String,
    name: String,
    scope: ApiTokenScope,
    created_at: String,
    last_used_at: Option<String>,
    expires_at: String,
    revoked_at: Option<String>,
}

/// The token of any of the three operations (they all ask for the same fields).
macro_rules! token_from {
    ($($fragment:ty),+ $(,)?) => {$(
        impl From<$fragment> for Token {
            fn from(found: $fragment) -> Self {
                Token {
                    id: found.id,
                    name: found.name,
                    scope: found.scope,
                    created_at: found.created_at,
                    last_used_at: found.last_used_at,
                    expires_at: found.expires_at,
                    revoked_at: found.revoked_at,
                }
            }
        }
    )+};
}

token_from!(api_tokens::ApiTokenView, create_api_token::ApiTokenView, revoke_api_token::ApiTokenView);

/// What a scope is called in the current language.
fn scope_name(scope: ApiTokenScope) -> &'static str {
    let i18n = use_i18n();
    match scope {
        ApiTokenScope::ReadOnly => t_string!(i18n, api_tokens.read_only),
        ApiTokenScope::ReadWrite => t_string!(i18n, api_tokens.read_write),
        ApiTokenScope::Unknown => "",
    }
}

/// Today plus a year, `YYYY-MM-DD` (UTC): the form's default expiry.
fn a_year_from_today() -> String {
    let date = js_sys::Date::new_0();
    date.set_utc_full_year(date.get_utc_full_year() + 1);
    String::from(date.to_iso_string()).chars().take(10).collect()
}

/// Whether the `DateTime` `at` is past (RFC 3339 texts in UTC compare as their instants).
fn is_past(at: &str) -> bool {
    let now = String::from(js_sys::Date::new_0().to_iso_string());
    at.get(..19).unwrap_or(at) <= now.get(..19).unwrap_or(&now)
}

/// `/painel/integracoes`: the tokens and the form that creates one (ADMIN only).
#[component]
pub fn ApiTokensPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = Session::expect();
    let is_admin = move || session.user().is_some_and(|user| user.role == Role::Admin);
    view! {
        <h1>{t!(i18n, api_tokens.title)}</h1>
        <p class="muted">{t!(i18n, api_tokens.lead)}</p>
        <Show
            when=is_admin
            fallback=move || {
                view! {
                    <div class="notice notice--error" role="alert">
                        <p>{t!(i18n, api_tokens.admin_only)}</p>
                    </div>
                }
            }
        >
            <TokenManager />
        </Show>
    }
}

/// The create form and the list, which reloads after each change.
#[component]
fn TokenManager() -> impl IntoView {
    let i18n = use_i18n();
    let tokens = LocalResource::new(|| async {
        let data = request::<ApiTokens>(api_tokens::Variables).await?;
        Ok::<_, ApiError>(data.api_tokens.into_iter().map(Token::from).collect::<Vec<_>>())
    });
    let changed = Callback::new(move |()| tokens.refetch());
    view! {
        <CreateTokenForm changed />
        <section class="card">
            <h2>{t!(i18n, api_tokens.list_title)}</h2>
            <Loaded
                resource=tokens
                show=move |tokens| view! { <TokenList tokens changed /> }
            />
        </section>
    }
}

/// The tokens, or the empty state.
#[component]
fn TokenList(tokens: Vec<Token>, changed: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    if tokens.is_empty() {
        return view! { <p class="empty">{t!(i18n, api_tokens.empty)}</p> }.into_any();
    }
    view! {
        <ul class="staff-list">
            {tokens.into_iter().map(|token| view! { <TokenRow token changed /> }).collect_view()}
        </ul>
    }
    .into_any()
}

/// One token: its name, scope, dates and state, and "Revogar" (confirmed first) while it is live.
#[component]
fn TokenRow(token: Token, changed: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let asking = RwSignal::new(false);
    let revoke = Action::new_local(move |id: &String| {
        let id = id.clone();
        async move {
            request::<RevokeApiToken>(revoke_api_token::Variables { id }).await?;
            changed.run(());
            Ok::<(), ApiError>(())
        }
    });
    let pending = revoke.pending();
    let Token { id, name, scope, created_at, last_used_at, expires_at, revoked_at } = token;
    let id = StoredValue::new(id);
    let expired = revoked_at.is_none() && is_past(&expires_at);
    let live = revoked_at.is_none() && !expired;
    let state = move || match revoked_at.clone() {
        Some(at) => t!(i18n, api_tokens.revoked_on, date = move || date_text(&at)).into_any(),
        None if expired => t!(i18n, api_tokens.expired).into_any(),
        None => t!(i18n, api_tokens.active).into_any(),
    };
    view! {
        <li class="staff-row" data-test="api-token-row">
            <span class="staff-row__name">{name}</span>
            <span class="badge">{move || scope_name(scope)}</span>
            <span class="badge" data-test="api-token-state">{state}</span>
            <span class="muted">
                {t!(i18n, api_tokens.created_on, date = move || date_text(&created_at))} " · "
                {t!(i18n, api_tokens.expires_on, date = move || date_text(&expires_at))} " · "
                {move || match last_used_at.clone() {
                    Some(at) => t!(i18n, api_tokens.last_used_on, date = move || date_text(&at)).into_any(),
                    None => t!(i18n, api_tokens.never_used).into_any(),
                }}
            </span>
            <Show when=move || live>
                <Show
                    when=move || asking.get()
                    fallback=move || {
                        view! {
                            <button
                                type="button"
                                class="button button--quiet"
                                data-test="revoke-api-token"
                                on:click=move |_| asking.set(true)
                            >
                                {t!(i18n, api_tokens.revoke)}
                            </button>
                        }
                    }
                >
                    <div class="card dialog" role="alertdialog" data-test="revoke-api-token-dialog">
                        <p>{t!(i18n, api_tokens.revoke_question)}</p>
                        <div class="form__actions">
                            <SubmitButton
                                pending
                                label=move || t!(i18n, api_tokens.confirm_revoke)
                                pending_label=move || t!(i18n, api_tokens.revoking)
                                on_click=Callback::new(move |()| {
                                    revoke.dispatch(id.get_value());
                                })
                                class="button button--danger"
                                data_test="confirm-revoke-api-token"
                            />
                            <button
                                type="button"
                                class="button button--quiet"
                                on:click=move |_| asking.set(false)
                            >
                                {t!(i18n, api_tokens.keep)}
                            </button>
                        </div>
                    </div>
                </Show>
            </Show>
            {move || {
                revoke
                    .value()
                    .get()
                    .and_then(Result::err)
                    .map(|error: ApiError| {
                        view! {
                            <p class="form-error" role="alert">
                                {move || error_message(&error)}
                            </p>
                        }
                    })
            }}
        </li>
    }
}

/// The form that creates a token; the new secret stays on show (once) until the next one.
#[component]
fn CreateTokenForm(changed: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let name = RwSignal::new(String::new());
    let scope = RwSignal::new(Some(ApiTokenScope::ReadOnly));
    let expires_on = RwSignal::new(a_year_from_today());
    let copied = RwSignal::new(false);

    let create = use_form_submit(move |_: &()| {
        let input = create_api_token::ApiTokenInput {
            name: name.get_untracked(),
            scope: scope.get_untracked().unwrap_or(ApiTokenScope::ReadOnly),
            // The end of the chosen day, UTC.
            expires_at: format!("{}T23:59:59Z", expires_on.get_untracked()),
        };
        async move {
            let created =
                request::<CreateApiToken>(create_api_token::Variables { input }).await?.create_api_token;
            name.set(String::new());
            copied.set(false);
            changed.run(());
            Ok::<String, ApiError>(created.secret)
        }
    });
    let pending = create.pending();
    let error = create.error();
    let secret = create.done();

    view! {
        <section class="card">
            <h2>{t!(i18n, api_tokens.create_title)}</h2>
            <form class="form" novalidate on:submit=create.on_submit()>
                <FormField name="name" label=move || t!(i18n, api_tokens.name) value=name error />
                <EnumSelect name="scope" label=move || t!(i18n, api_tokens.scope) value=scope text=scope_name error />
                <FormField
                    name="expiresAt"
                    label=move || t!(i18n, api_tokens.expires_at)
                    hint=move || t!(i18n, api_tokens.expires_hint)
                    value=expires_on
                    error
                    input_type="date"
                />
                <FormError error fields=FIELDS />
                <SubmitButton
                    pending
                    label=move || t!(i18n, api_tokens.submit)
                    pending_label=move || t!(i18n, api_tokens.submitting)
                />
            </form>
            {move || {
                secret
                    .get()
                    .map(|secret| {
                        let copy = {
                            let secret = secret.clone();
                            move |_| {
                                // Without clipboard permission the secret stays on the page to
                                // copy by hand.
                                let _ = window().navigator().clipboard().write_text(&secret);
                                copied.set(true);
                            }
                        };
                        view! {
                            <div class="notice notice--success" role="status" data-test="api-token-created">
                                <p>
                                    <strong>{t!(i18n, api_tokens.shown_once)}</strong>
                                </p>
                                <label class="field">
                                    <span class="field__label">{t!(i18n, api_tokens.secret)}</span>
                                    <input class="input" readonly data-test="api-token-secret" prop:value=secret />
                                </label>
                                <button type="button" class="button" data-test="copy-api-token" on:click=copy>
                                    {t!(i18n, api_tokens.copy)}
                                </button>
                                <Show when=move || copied.get()>
                                    <span role="status" class="muted">{t!(i18n, api_tokens.copied)}</span>
                                </Show>
                                <p class="muted">{t!(i18n, api_tokens.usage)}</p>
                            </div>
                        }
                    })
            }}
        </section>
    }
}
