//! `/parceiro`: the partner's area on a phone at the counter: redeem the code a customer shows
//! with the sale amount, the customers who hold its offers (minimum data), and its ledger.

use leptos::prelude::*;

use super::ledger::LedgerCard;
use crate::api::partners::{PartnerPortal, PartnerRedeem, partner_portal, partner_redeem};
use crate::api::{ApiError, Area, request};
use crate::components::{AreaShell, FormError, FormField, Loaded, SubmitButton, use_form_submit};
use crate::format::{parse_money, show_money};
use crate::i18n::{date_text, t, use_i18n};

/// The redeem form's inputs, by the server's field names.
const FIELDS: &[&str] = &["promoCode", "saleCents"];

type Portal = partner_portal::ResponseData;

/// `/parceiro`: redeem a code, the customers, the ledger.
#[component]
pub fn PartnerPage() -> impl IntoView {
    let i18n = use_i18n();
    let portal = LocalResource::new(|| {
        request::<PartnerPortal>(partner_portal::Variables { first: Some(100), after: None })
    });
    let reload = Callback::new(move |()| portal.refetch());
    view! {
        <AreaShell area=Area::Partner>
            <main class="page">
                <h1>{t!(i18n, partner.title)}</h1>
                <RedeemForm reload />
                <section class="card" data-test="partner-customers">
                    <h2>{t!(i18n, partner.customers)}</h2>
                    <Loaded resource=portal show=|portal: Portal| view! { <CustomerList portal /> } />
                </section>
                <LedgerCard />
            </main>
        </AreaShell>
    }
}

#[component]
fn RedeemForm(reload: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let code = RwSignal::new(String::new());
    let sale = RwSignal::new(String::new());
    let redeem = use_form_submit(move |_: &()| {
        let promo_code = code.get_untracked().trim().to_owned();
        // A sale that is not an amount goes as 0: the server names the field.
        let sale_cents = parse_money(&sale.get_untracked()).unwrap_or(0);
        async move {
            let answer =
                request::<PartnerRedeem>(partner_redeem::Variables { promo_code, sale_cents }).await?;
            code.set(String::new());
            sale.set(String::new());
            reload.run(());
            Ok::<_, ApiError>(answer.redeem_promo_code)
        }
    });
    let pending = redeem.pending();
    let error = redeem.error();
    let done = redeem.done();
    view! {
        <section class="card">
            <h2>{t!(i18n, partner.redemption)}</h2>
            <form class="form" novalidate on:submit=redeem.on_submit()>
                <FormField name="promoCode" label=move || t!(i18n, partner.code) value=code error autocomplete="off" />
                <FormField
                    name="saleCents"
                    label=move || t!(i18n, partner.sale)
                    value=sale
                    error
                    inputmode="decimal"
                />
                <FormError error fields=FIELDS />
                {move || {
                    done.get()
                        .map(|redeemed| {
                            let commission = redeemed.commission.map(|c| show_money(c.amount_cents)).unwrap_or_default();
                            view! {
                                <p class="notice notice--success" role="status" data-test="redeemed">
                                    {t!(i18n, partner.redeemed, code = redeemed.promo_code.clone(), offer = redeemed.offer.description.clone(), commission = commission.clone())}
                                </p>
                            }
                        })
                }}
                <SubmitButton
                    pending
                    label=move || t!(i18n, partner.redeem)
                    pending_label=move || t!(i18n, partner.redeeming)
                    data_test="redeem"
                />
            </form>
        </section>
    }
}

#[component]
fn CustomerList(portal: Portal) -> impl IntoView {
    let i18n = use_i18n();
    let page = portal.partner_customers;
    if page.edges.is_empty() {
        return view! { <p class="empty">{t!(i18n, partner.no_customers)}</p> }.into_any();
    }
    view! {
        <p class="muted">{t!(i18n, partner.customer_count, count = page.total_count)}</p>
        <ul class="staff-list">
            {page
                .edges
                .into_iter()
                .map(|edge| {
                    let c = edge.node;
                    let contact = [c.email, c.phone].into_iter().flatten().collect::<Vec<_>>().join(" · ");
                    let until = c.valid_until.clone();
                    view! {
                        <li class="staff-row" data-test="partner-customer">
                            <span class="staff-row__name">{c.name}</span>
                            <span>{c.offer_description}</span>
                            <code>{c.promo_code}</code>
                            <span class="badge">
                                {if c.redeemed { t!(i18n, partner.used).into_any() } else { t!(i18n, partner.not_used).into_any() }}
                            </span>
                            {until.map(|until| view! { <span class="muted">{t!(i18n, partner.valid_until, date = move || date_text(&until))}</span> })}
                            <span class="muted">{contact}</span>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}
