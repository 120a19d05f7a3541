//! The commission ledger: the open balances per direction and each entry; the ADMIN settles an
//! open one, the partner only reads its own.

use leptos::prelude::*;

use crate::api::partners::{PartnersLedger, PartnersSettle, partners_ledger, partners_settle};
use crate::api::{ApiError, request};
use crate::components::Loaded;
use crate::format::show_money;
use crate::i18n::{date_text, error_message, t, use_i18n};

type Ledger = partners_ledger::PartnersLedgerCommissions;
type Entry = partners_ledger::PartnersLedgerCommissionsItems;

/// The ledger card; `can_settle` shows the ADMIN's "Baixar" buttons.
#[component]
pub fn LedgerCard(can_settle: bool) -> impl IntoView {
    let i18n = use_i18n();
    let ledger = LocalResource::new(|| async {
        request::<PartnersLedger>(partners_ledger::Variables { partner_id: None })
            .await
            .map(|d| d.commissions)
    });
    let reload = Callback::new(move |()| ledger.refetch());
    view! {
        <section class="card" data-test="ledger">
            <h2>{t!(i18n, partners.ledger_title)}</h2>
            <Loaded resource=ledger show=move |ledger: Ledger| view! { <LedgerView ledger can_settle reload /> } />
        </section>
    }
}

#[component]
fn LedgerView(ledger: Ledger, can_settle: bool, reload: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let receivable = show_money(ledger.receivable_open_cents);
    let payable = show_money(ledger.payable_open_cents);
    view! {
        <dl class="totals">
            <div>
                <dt>{t!(i18n, partners.receivable_open)}</dt>
                <dd data-test="receivable-open">{receivable}</dd>
            </div>
            <div>
                <dt>{t!(i18n, partners.payable_open)}</dt>
                <dd data-test="payable-open">{payable}</dd>
            </div>
        </dl>
        {if ledger.items.is_empty() {
            view! { <p class="empty">{t!(i18n, partners.ledger_empty)}</p> }.into_any()
        } else {
            view! {
                <ul class="staff-list">
                    {ledger.items.into_iter().map(|entry| view! { <EntryRow entry can_settle reload /> }).collect_view()}
                </ul>
            }
                .into_any()
        }}
    }
}

#[component]
fn EntryRow(entry: Entry, can_settle: bool, reload: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let receivable = matches!(entry.direction, partners_ledger::CommissionDirection::RECEIVABLE);
    let settle = Action::new_local(move |id: &String| {
        let id = id.clone();
        async move {
            request::<PartnersSettle>(partners_settle::Variables { id }).await?;
            reload.run(());
            Ok::<(), ApiError>(())
        }
    });
    let id = entry.id.clone();
    let created = entry.created_at.clone();
    let settled = entry.settled_at.clone();
    view! {
        <li class="staff-row" data-test="ledger-row">
            <span class="staff-row__name">
                {entry.partner.name}
                " — "
                {if receivable { t!(i18n, partners.receivable).into_any() } else { t!(i18n, partners.payable).into_any() }}
            </span>
            <span>{show_money(entry.amount_cents)}</span>
            <span class="muted">{entry.description.unwrap_or_default()} " " {move || date_text(&created)}</span>
            {match settled {
                Some(at) => view! { <span class="badge">{t!(i18n, partners.settled, date = move || date_text(&at))}</span> }.into_any(),
                None if can_settle => view! {
                    <button
                        type="button"
                        class="button button--small"
                        data-test="settle"
                        disabled=move || settle.pending().get()
                        on:click=move |_| {
                            settle.dispatch(id.clone());
                        }
                    >
                        {t!(i18n, partners.settle)}
                    </button>
                    {move || settle.value().get().and_then(Result::err).map(|e| view! { <span class="field-error">{error_message(&e)}</span> })}
                }
                    .into_any(),
                None => view! { <span class="badge">{t!(i18n, partners.open)}</span> }.into_any(),
            }}
        </li>
    }
}
