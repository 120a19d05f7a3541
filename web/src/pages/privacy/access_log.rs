//! "Acessos aos dados" (ADMIN, on the 360 page): who saw the customer's whole CPF or exported
//! their data, and when, newest first.

use leptos::prelude::*;

use crate::api::privacy::{AccessAction, CustomerAccessLog, customer_access_log};
use crate::api::{ApiError, request};
use crate::components::Loaded;
use crate::i18n::{date_time_text, t, t_string, use_i18n};

/// One row: when, who, what.
#[derive(Debug, Clone, PartialEq)]
struct Access {
    at: String,
    actor: String,
    action: AccessAction,
}

/// What an action is called in the current language.
fn action_name(action: AccessAction) -> &'static str {
    let i18n = use_i18n();
    match action {
        AccessAction::ViewedDocument => t_string!(i18n, privacy.action_viewed_document),
        AccessAction::ExportedData => t_string!(i18n, privacy.action_exported_data),
        AccessAction::ExportedList => t_string!(i18n, privacy.action_exported_list),
        AccessAction::Unknown => "",
    }
}

/// The latest 50 accesses to customer `id`'s data.
async fn load(id: String) -> Result<Vec<Access>, ApiError> {
    let variables = customer_access_log::Variables { customer_id: id, first: Some(50), after: None };
    let found = request::<CustomerAccessLog>(variables).await?;
    Ok(found
        .customer_access_log
        .edges
        .into_iter()
        .map(|edge| Access { at: edge.node.at, actor: edge.node.actor.name, action: edge.node.action })
        .collect())
}

/// The rows of the log, newest first.
type Accesses = Vec<Access>;

/// The section (shown to an ADMIN only).
#[component]
pub(super) fn AccessLogSection(id: String) -> impl IntoView {
    let i18n = use_i18n();
    let loaded = LocalResource::new(move || load(id.clone()));
    view! {
        <section class="card" data-test="access-log">
            <h2>{t!(i18n, privacy.access_title)}</h2>
            <p class="muted">{t!(i18n, privacy.access_lead)}</p>
            <Loaded
                resource=loaded
                show=move |rows: Accesses| {
                    if rows.is_empty() {
                        return view! { <p class="empty">{t!(i18n, privacy.access_empty)}</p> }.into_any();
                    }
                    view! {
                        <ul class="consent-log">
                            {rows
                                .into_iter()
                                .map(|Access { at, actor, action }| {
                                    view! {
                                        <li class="consent-log__row" data-test="access-row">
                                            <span class="muted">{move || date_time_text(&at)}</span>
                                            " · "
                                            <strong>{actor}</strong>
                                            " "
                                            {move || action_name(action)}
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }
                        .into_any()
                }
            />
        </section>
    }
}
