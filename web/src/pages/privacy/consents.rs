//! The consent toggles (one per channel) and the log of changes, shared by the staff's section
//! and the customer's page: each answers through its own mutation.

use leptos::prelude::*;

use crate::api::ApiError;
use crate::api::privacy::{ConsentChannel, ConsentSource, customer_consents, my_consents};
use crate::i18n::{date_time_text, error_message, t, t_string, use_i18n};

/// A channel's current answer.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Consent {
    pub channel: ConsentChannel,
    pub granted: bool,
    pub changed_at: Option<String>,
}

/// One change of the log.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct LogLine {
    pub at: String,
    pub channel: ConsentChannel,
    pub granted: bool,
    pub source: ConsentSource,
    pub actor: Option<String>,
}

/// The answers and the latest changes.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Consents {
    pub answers: Vec<Consent>,
    pub log: Vec<LogLine>,
}

/// The answers and log of either query (they ask for the same fields).
macro_rules! consents_from {
    ($($module:ident :: $customer:ident),+ $(,)?) => {$(
        impl From<$module::$customer> for Consents {
            fn from(found: $module::$customer) -> Self {
                Consents {
                    answers: found
                        .consents
                        .into_iter()
                        .map(|c| Consent { channel: c.channel, granted: c.granted, changed_at: c.changed_at })
                        .collect(),
                    log: found
                        .consent_log
                        .edges
                        .into_iter()
                        .map(|edge| LogLine {
                            at: edge.node.at,
                            channel: edge.node.channel,
                            granted: edge.node.granted,
                            source: edge.node.source,
                            actor: edge.node.actor.map(|actor| actor.name),
                        })
                        .collect(),
                }
            }
        }
    )+};
}

consents_from!(customer_consents::CustomerConsentsCustomer, my_consents::MyConsentsMyCustomer);

/// What a channel is called in the current language.
fn channel_name(channel: ConsentChannel) -> &'static str {
    let i18n = use_i18n();
    match channel {
        ConsentChannel::Email => t_string!(i18n, privacy.channel_email),
        ConsentChannel::Whatsapp => t_string!(i18n, privacy.channel_whatsapp),
        ConsentChannel::Sms => t_string!(i18n, privacy.channel_sms),
        ConsentChannel::PartnerSharing => t_string!(i18n, privacy.channel_partner_sharing),
        ConsentChannel::Unknown => "",
    }
}

/// How a change was made, in the current language.
fn source_name(source: ConsentSource) -> &'static str {
    let i18n = use_i18n();
    match source {
        ConsentSource::Staff => t_string!(i18n, privacy.source_staff),
        ConsentSource::Portal => t_string!(i18n, privacy.source_portal),
        ConsentSource::Unsubscribe => t_string!(i18n, privacy.source_unsubscribe),
        ConsentSource::SpamReport => t_string!(i18n, privacy.source_spam_report),
        ConsentSource::Migration => t_string!(i18n, privacy.source_migration),
        ConsentSource::Unknown => "",
    }
}

/// A slug of the channel for test hooks.
fn channel_slug(channel: ConsentChannel) -> &'static str {
    match channel {
        ConsentChannel::Email => "email",
        ConsentChannel::Whatsapp => "whatsapp",
        ConsentChannel::Sms => "sms",
        ConsentChannel::PartnerSharing => "partner-sharing",
        ConsentChannel::Unknown => "unknown",
    }
}

/// The toggles (disabled unless `editable`, and while `change` runs) and the log. `change`
/// records an answer; its error shows under the toggles.
#[component]
pub(super) fn ConsentPanel(
    consents: Consents,
    editable: bool,
    change: Action<(ConsentChannel, bool), Result<(), ApiError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let pending = change.pending();
    let Consents { answers, log } = consents;
    view! {
        <ul class="consent-list">
            {answers
                .into_iter()
                .filter(|consent| consent.channel != ConsentChannel::Unknown)
                .map(|consent| {
                    let Consent { channel, granted, changed_at } = consent;
                    view! {
                        <li class="consent-row" data-test=format!("consent-{}", channel_slug(channel))>
                            <label class="checkbox">
                                <input
                                    type="checkbox"
                                    prop:checked=granted
                                    disabled=move || !editable || pending.get()
                                    data-test=format!("consent-toggle-{}", channel_slug(channel))
                                    on:change=move |ev| {
                                        change.dispatch((channel, event_target_checked(&ev)));
                                    }
                                />
                                {move || channel_name(channel)}
                            </label>
                            <span class="muted">
                                {match changed_at {
                                    Some(at) => {
                                        t!(i18n, privacy.changed_on, date = move || date_time_text(&at)).into_any()
                                    }
                                    None => t!(i18n, privacy.never_changed).into_any(),
                                }}
                            </span>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
        {move || {
            change
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
        <h3>{t!(i18n, privacy.log_title)}</h3>
        {if log.is_empty() {
            view! { <p class="empty">{t!(i18n, privacy.log_empty)}</p> }.into_any()
        } else {
            view! {
                <ul class="consent-log" data-test="consent-log">
                    {log.into_iter().map(|line| view! { <LogRow line /> }).collect_view()}
                </ul>
            }
            .into_any()
        }}
    }
}

/// "12/04/2026 13:45 UTC · WhatsApp: concedido · Maria (pelo portal do cliente)".
#[component]
fn LogRow(line: LogLine) -> impl IntoView {
    let i18n = use_i18n();
    let LogLine { at, channel, granted, source, actor } = line;
    view! {
        <li class="consent-log__row" data-test="consent-log-row">
            <span class="muted">{move || date_time_text(&at)}</span>
            " · "
            <strong>{move || channel_name(channel)}</strong>
            ": "
            {if granted {
                t!(i18n, privacy.granted).into_any()
            } else {
                t!(i18n, privacy.withdrawn).into_any()
            }}
            " · "
            {match actor {
                Some(name) => name.into_any(),
                None => t!(i18n, privacy.nobody).into_any(),
            }}
            " ("
            {move || source_name(source)}
            ")"
        </li>
    }
}
