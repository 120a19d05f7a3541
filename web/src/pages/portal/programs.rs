//! "Fidelidade" and "Clube de benefícios" on the portal home: what `loyalty` and `benefits`
//! answer: each program's progress (points or visits) and the rewards to use, and each benefit
//! with its code and a copy button. Without loyalty programs or partners they answer empty, and
//! the page says so plainly.

use leptos::prelude::*;

use crate::api::portal::my_portal;
use crate::format::show_money;
use crate::i18n::{date_text, t, use_i18n};
use crate::pages::loyalty::{Standing, StandingRow};

type Loyalty = my_portal::MyPortalMyCustomerLoyalty;
type Benefit = my_portal::MyPortalMyCustomerBenefits;

/// "Fidelidade": the points and each program's progress.
#[component]
pub(super) fn LoyaltyCard(loyalty: Loyalty) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="card" data-test="loyalty">
            <h2>{t!(i18n, customer.loyalty_title)}</h2>
            {if loyalty.programs.is_empty() {
                view! { <p class="empty" data-test="no-loyalty">{t!(i18n, customer.no_loyalty)}</p> }.into_any()
            } else {
                view! {
                    <p>{t!(i18n, customer.points, points = loyalty.points)}</p>
                    <ul class="program-list">
                        {loyalty
                            .programs
                            .into_iter()
                            .map(|program| {
                                let description = program.description.clone();
                                view! {
                                    <li>
                                        <StandingRow standing=Standing::from(program) />
                                        <p class="muted">{description}</p>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
        </section>
    }
}

/// "Clube de benefícios": the partner offers handed to the customer, with their promo codes.
#[component]
pub(super) fn BenefitsCard(benefits: Vec<Benefit>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="card" data-test="benefits">
            <h2>{t!(i18n, customer.benefits_title)}</h2>
            {if benefits.is_empty() {
                view! { <p class="empty" data-test="no-benefits">{t!(i18n, customer.no_benefits)}</p> }.into_any()
            } else {
                view! {
                    <ul class="program-list">
                        {benefits.into_iter().map(|benefit| view! { <BenefitRow benefit /> }).collect_view()}
                    </ul>
                }
                    .into_any()
            }}
        </section>
    }
}

/// One benefit: the partner, the offer, its validity, the code (with a copy button), and whether
/// it was used.
#[component]
fn BenefitRow(benefit: Benefit) -> impl IntoView {
    let i18n = use_i18n();
    let discount = match (benefit.offer.discount_percent, benefit.offer.discount_cents) {
        (Some(percent), _) => format!("{percent}%"),
        (None, Some(cents)) => show_money(cents),
        (None, None) => String::new(),
    };
    let copied = RwSignal::new(false);
    let code = benefit.promo_code.clone();
    let copy = move |_| {
        // Without clipboard permission nothing happens: the code stays on screen to type.
        let _ = window().navigator().clipboard().write_text(&code);
        copied.set(true);
    };
    let until = benefit.offer.valid_until.clone();
    let used = benefit.redeemed_at.is_some();
    view! {
        <li data-test="benefit">
            <strong>{benefit.offer.partner.name}</strong>
            " — "
            {benefit.offer.description}
            " "
            {discount}
            <p>
                {t!(i18n, customer.promo_code)}
                ": "
                <code data-test="promo-code">{benefit.promo_code}</code>
                " "
                {(!used)
                    .then(|| {
                        view! {
                            <button type="button" class="button button--small" data-test="copy-code" on:click=copy>
                                {move || if copied.get() { t!(i18n, customer.copied).into_any() } else { t!(i18n, customer.copy).into_any() }}
                            </button>
                        }
                    })}
            </p>
            {until.map(|until| view! { <p class="muted">{t!(i18n, customer.valid_until, date = move || date_text(&until))}</p> })}
            {benefit
                .redeemed_at
                .map(|at| view! { <p class="muted">{t!(i18n, customer.redeemed, date = move || date_text(&at))}</p> })}
        </li>
    }
}
