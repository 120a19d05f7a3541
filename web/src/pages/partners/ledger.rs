//! The commission ledger: the open balances per direction and each entry; the ADMIN records what
//! the workshop owes a partner and settles an open entry, the partner only reads its own.

use leptos::prelude::*;

use crate::api::partners::{
    PartnersAddPayable, PartnersLedger, PartnersSettle, partners_add_payable, partners_ledger,
    partners_settle,
};
use crate::api::{ApiError, request};
use crate::components::{FormError, FormField, Loaded, SelectField, SubmitButton, use_form_submit};
use crate::format::{parse_money, show_money};
use crate::i18n::{date_text, error_message, t, use_i18n};

type Ledger = partners_ledger::PartnersLedgerCommissions;
type Entry = partners_ledger::PartnersLedgerCommissionsItems;

/// The payable form's inputs, by the server's field names.
const PAYABLE_FIELDS: &[&str] = &["partnerId", "amountCents", "description"];

/// The ledger card. For the ADMIN (`admin_partners`: the partners, by id and name) it adds
/// payable entries and shows the "Dar baixa" buttons.
#[component]
pub fn LedgerCard(#[prop(optional)] admin_partners: Option<Vec<(String, String)>>) -> impl IntoView {
    let can_settle = admin_partners.is_some();
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
            {admin_partners.map(|partners| view! { <AddPayableForm partners reload /> })}
        </section>
    }
}

/// ADMIN: records what the workshop owes a partner (e.g. for a referral).
#[component]
fn AddPayableForm(partners: Vec<(String, String)>, reload: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let partner = RwSignal::new(partners.first().map(|(id, _)| id.clone()).unwrap_or_default());
    let amount = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let add = use_form_submit(move |_: &()| {
        let typed = description.get_untracked().trim().to_owned();
        let input = partners_add_payable::PayableCommissionInput {
            partner_id: partner.get_untracked(),
            // An amount that does not parse goes as 0: the server names the field.
            amount_cents: parse_money(&amount.get_untracked()).unwrap_or(0),
            description: Some(typed).filter(|d| !d.is_empty()),
        };
        async move {
            request::<PartnersAddPayable>(partners_add_payable::Variables { input }).await?;
            amount.set(String::new());
            description.set(String::new());
            reload.run(());
            Ok::<(), ApiError>(())
        }
    });
    let (pending, error) = (add.pending(), add.error());
    let options = Signal::derive(move || partners.clone());
    view! {
        <form class="form" novalidate on:submit=add.on_submit() data-test="add-payable">
            <h3>{t!(i18n, partners.payable_title)}</h3>
            <SelectField name="partnerId" label=move || t!(i18n, partners.partner) value=partner options error />
            <FormField name="amountCents" label=move || t!(i18n, partners.amount) value=amount error inputmode="decimal" />
            <FormField name="description" label=move || t!(i18n, partners.description) value=description error />
            <FormError error fields=PAYABLE_FIELDS />
            <SubmitButton pending label=move || t!(i18n, partners.add_payable) pending_label=move || t!(i18n, partners.saving) data_test="add-payable-submit" />
        </form>
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
