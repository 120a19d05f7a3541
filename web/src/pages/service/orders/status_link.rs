//! "Link de acompanhamento": the front desk creates a link to the order's live status that the
//! customer opens without signing in, copies it (to paste into WhatsApp) or has it e-mailed to the
//! customer, and revokes every link of the order. The server keeps only the link's hash: a link
//! is shown once, right after it is created.

use leptos::prelude::*;

use crate::api::portal::{CreateStatusLink, RevokeStatusLinks, create_status_link, revoke_status_links};
use crate::api::{ApiError, request};
use crate::i18n::{date_text, error_message, t, use_i18n};

/// What the panel asks the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ask {
    Create,
    Email,
    Revoke,
}

/// What the server answered.
#[derive(Debug, Clone, PartialEq)]
enum Answer {
    Created { url: String, expires_at: Option<String>, emailed: bool },
    Revoked(i64),
}

async fn send(service_order_id: String, ask: Ask) -> Result<Answer, ApiError> {
    match ask {
        Ask::Create | Ask::Email => {
            let send_email = ask == Ask::Email;
            let variables = create_status_link::Variables { service_order_id, send_email };
            let link = request::<CreateStatusLink>(variables).await?.create_status_link;
            Ok(Answer::Created { url: link.url, expires_at: link.expires_at, emailed: send_email })
        }
        Ask::Revoke => {
            let variables = revoke_status_links::Variables { service_order_id };
            Ok(Answer::Revoked(request::<RevokeStatusLinks>(variables).await?.revoke_status_links))
        }
    }
}

/// The panel on the order's page (front desk only).
#[component]
pub(super) fn StatusLinkPanel(order_id: String) -> impl IntoView {
    let i18n = use_i18n();
    let action = Action::new_local(move |ask: &Ask| send(order_id.clone(), *ask));
    let pending = action.pending();
    let answer = action.value();
    let copied = RwSignal::new(false);
    let button = move |what: Ask| {
        let (class, test) = match what {
            Ask::Create => ("button button--primary", "create-status-link"),
            Ask::Email => ("button", "email-status-link"),
            Ask::Revoke => ("button button--quiet", "revoke-status-links"),
        };
        let label = move || match what {
            Ask::Create => t!(i18n, status_link.create).into_any(),
            Ask::Email => t!(i18n, status_link.email).into_any(),
            Ask::Revoke => t!(i18n, status_link.revoke).into_any(),
        };
        let on_click = move |_: leptos::ev::MouseEvent| {
            copied.set(false);
            action.dispatch(what);
        };
        view! {
            <button type="button" class=class data-test=test disabled=pending on:click=on_click>
                {label}
            </button>
        }
    };
    view! {
        <section class="card status-link" data-test="status-link">
            <h2>{t!(i18n, status_link.title)}</h2>
            <p class="muted">{t!(i18n, status_link.lead)}</p>
            <div class="share__actions">{button(Ask::Create)} {button(Ask::Email)} {button(Ask::Revoke)}</div>
            {move || {
                answer
                    .get()
                    .map(|answer| match answer {
                        Ok(Answer::Created { url, expires_at, emailed }) => {
                            let copy = {
                                let url = url.clone();
                                move |_| {
                                    // Not being able to write the clipboard (no permission) leaves
                                    // the link on the page to copy by hand.
                                    let _ = window().navigator().clipboard().write_text(&url);
                                    copied.set(true);
                                }
                            };
                            view! {
                                <div class="status-link__created">
                                    <label class="field">
                                        <span class="field__label">{t!(i18n, status_link.url_label)}</span>
                                        <input class="input" readonly data-test="status-link-url" prop:value=url />
                                    </label>
                                    <button type="button" class="button" data-test="copy-status-link" on:click=copy>
                                        {t!(i18n, status_link.copy)}
                                    </button>
                                    <Show when=move || copied.get()>
                                        <span role="status" class="muted">{t!(i18n, status_link.copied)}</span>
                                    </Show>
                                    {emailed
                                        .then(|| {
                                            view! {
                                                <p role="status" data-test="status-link-emailed">
                                                    {t!(i18n, status_link.emailed)}
                                                </p>
                                            }
                                        })}
                                    <p class="muted">
                                        {match expires_at {
                                            Some(at) => {
                                                t!(i18n, status_link.expires, date = move || date_text(&at)).into_any()
                                            }
                                            None => t!(i18n, status_link.while_open).into_any(),
                                        }}
                                    </p>
                                </div>
                            }
                                .into_any()
                        }
                        Ok(Answer::Revoked(count)) => {
                            view! {
                                <p role="status" data-test="status-links-revoked">
                                    {t!(i18n, status_link.revoked, count = count)}
                                </p>
                            }
                                .into_any()
                        }
                        Err(error) => {
                            view! {
                                <p class="form-error" role="alert" data-test="form-error">
                                    {move || error_message(&error)}
                                </p>
                            }
                                .into_any()
                        }
                    })
            }}
        </section>
    }
}
