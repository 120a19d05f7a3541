//! The sign-in history on `/painel/seguranca`: the signed-in user's attempts, a page at a time
//! ("Carregar mais"); an ADMIN also picks a staff member to read theirs.

use leptos::prelude::*;

use crate::api::operations::{Staff, staff};
use crate::api::security::{SignInHistory, sign_in_history};
use crate::api::{ApiError, Role, Session, request};
use crate::components::{ErrorNotice, Loading};
use crate::i18n::{date_text, t, t_string, use_i18n};

/// How many attempts a page holds.
const PAGE: i64 = 30;

type Row = sign_in_history::SignInHistorySignInHistoryEdges;

/// The history of the user picked (`""`: the signed-in user), with "Carregar mais".
#[component]
pub(super) fn History() -> impl IntoView {
    let i18n = use_i18n();
    let session = Session::expect();
    let is_admin = move || session.user().is_some_and(|user| user.role == Role::Admin);
    let whose = RwSignal::new(String::new());
    let rows = RwSignal::new(Vec::<Row>::new());
    let has_next = RwSignal::new(false);
    let load = Action::new_local(move |after: &Option<String>| {
        let after = after.clone();
        let user = whose.get_untracked();
        let variables = sign_in_history::Variables {
            first: Some(PAGE),
            after: after.clone(),
            user_id: (!user.is_empty()).then(|| user.clone()),
        };
        async move {
            let page = request::<SignInHistory>(variables).await?.sign_in_history;
            // An answer for someone no longer picked is dropped.
            if whose.get_untracked() == user {
                if after.is_none() {
                    rows.set(page.edges);
                } else {
                    rows.update(|rows| rows.extend(page.edges));
                }
                has_next.set(page.page_info.has_next_page);
            }
            Ok::<(), ApiError>(())
        }
    });
    Effect::new(move |_| {
        whose.track();
        rows.set(Vec::new());
        has_next.set(false);
        load.dispatch(None);
    });
    let failed = move || load.value().get().and_then(Result::err);
    let more = move |_| {
        let after = rows.with_untracked(|rows| rows.last().map(|row| row.cursor.clone()));
        load.dispatch(after);
    };

    view! {
        <section class="card" data-test="sign-in-history">
            <h2>{t!(i18n, security.history_title)}</h2>
            <Show when=is_admin>
                <StaffPicker whose />
            </Show>
            {move || {
                if let Some(error) = failed() {
                    let retry = Callback::new(move |()| {
                        load.dispatch(None);
                    });
                    return view! { <ErrorNotice error retry /> }.into_any();
                }
                if rows.with(Vec::is_empty) {
                    return if load.pending().get() {
                        view! { <Loading /> }.into_any()
                    } else {
                        view! { <p class="empty">{t!(i18n, security.history_empty)}</p> }.into_any()
                    };
                }
                view! { <HistoryTable rows=rows.get() /> }.into_any()
            }}
            <Show when=move || has_next.get() && failed().is_none()>
                <button
                    type="button"
                    class="button"
                    data-test="history-more"
                    disabled=move || load.pending().get()
                    on:click=more
                >
                    {move || {
                        if load.pending().get() {
                            t!(i18n, list.loading_more).into_any()
                        } else {
                            t!(i18n, list.load_more).into_any()
                        }
                    }}
                </button>
            </Show>
        </section>
    }
}

/// ADMIN: whose history to read, the signed-in user's or a staff member's.
#[component]
fn StaffPicker(whose: RwSignal<String>) -> impl IntoView {
    let i18n = use_i18n();
    let staff = LocalResource::new(|| request::<Staff>(staff::Variables));
    view! {
        <div class="field">
            <label for="history-user">{t!(i18n, security.history_of)}</label>
            <select
                id="history-user"
                data-test="history-user"
                on:change=move |event| whose.set(event_target_value(&event))
            >
                <option value="">{t!(i18n, security.history_mine)}</option>
                {move || {
                    staff
                        .get()
                        .and_then(Result::ok)
                        .map(|data| {
                            data.staff
                                .into_iter()
                                .map(|member| {
                                    view! { <option value=member.user_id>{member.name} " (" {member.email} ")"</option> }
                                })
                                .collect_view()
                        })
                }}
            </select>
        </div>
    }
}

/// The loaded attempts.
#[component]
fn HistoryTable(rows: Vec<Row>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <table class="table">
            <thead>
                <tr>
                    <th>{t!(i18n, security.when)}</th>
                    <th>{t!(i18n, security.ip)}</th>
                    <th>{t!(i18n, security.browser)}</th>
                    <th>{t!(i18n, security.method)}</th>
                    <th>{t!(i18n, security.result)}</th>
                </tr>
            </thead>
            <tbody>
                {rows
                    .into_iter()
                    .map(|edge| {
                        let row = edge.node;
                        let when = format!("{} {} UTC", date_text(&row.at), row.at.get(11..16).unwrap_or_default());
                        let method = row.method;
                        let succeeded = row.succeeded;
                        view! {
                            <tr data-test="sign-in-row">
                                <td>{when}</td>
                                <td>{row.ip}</td>
                                <td>{row.user_agent}</td>
                                <td>{move || method_name(&method)}</td>
                                <td>
                                    {move || {
                                        if succeeded {
                                            t!(i18n, security.succeeded).into_any()
                                        } else {
                                            t!(i18n, security.failed).into_any()
                                        }
                                    }}
                                </td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}

/// How an attempt proved who it was, in the current language.
fn method_name(method: &sign_in_history::SignInMethod) -> String {
    let i18n = use_i18n();
    match method {
        sign_in_history::SignInMethod::PASSWORD => t_string!(i18n, security.by_password).to_owned(),
        sign_in_history::SignInMethod::MFA => t_string!(i18n, security.by_code).to_owned(),
        sign_in_history::SignInMethod::RECOVERY_CODE => t_string!(i18n, security.by_recovery).to_owned(),
        sign_in_history::SignInMethod::GOOGLE => t_string!(i18n, security.by_google).to_owned(),
        sign_in_history::SignInMethod::Other(other) => other.clone(),
    }
}
