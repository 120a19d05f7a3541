//! The ADMIN's offers: each with its discount, validity and segment, handed out by hand or to
//! every eligible customer at once (with the job's progress); and the form that adds one.

use leptos::prelude::*;

use super::admin::parse_percent;
use super::grant::{GrantAll, GrantOne};
use crate::api::operations::VehicleKind;
use crate::api::partners::{PartnersCreateOffer, partners_admin, partners_create_offer};
use crate::api::{ApiError, request};
use crate::components::{EnumSelect, FormError, FormField, SelectField, SubmitButton, use_form_submit};
use crate::format::{parse_money, read_number, show_money};
use crate::i18n::{date_text, t, t_string, use_i18n, vehicle_kind_name};

/// The offer form's inputs, by the server's field names.
const FIELDS: &[&str] = &[
    "partnerId",
    "description",
    "discountPercent",
    "discountCents",
    "validFrom",
    "validUntil",
    "eligibility.vehicleKind",
    "eligibility.spentOverCents",
    "eligibility.visitedWithinDays",
];

type Offer = partners_admin::PartnersAdminPartnerOffers;

/// The offers and the add form.
#[component]
pub fn OffersCard(admin: partners_admin::ResponseData, reload: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let active: Vec<(String, String)> =
        admin.partners.iter().filter(|p| p.active).map(|p| (p.id.clone(), p.name.clone())).collect();
    let offers = admin.partner_offers;
    view! {
        <section class="card" data-test="offers">
            <h2>{t!(i18n, partners.offers_title)}</h2>
            {if offers.is_empty() {
                view! { <p class="empty">{t!(i18n, partners.no_offers)}</p> }.into_any()
            } else {
                view! {
                    <ul class="staff-list">
                        {offers.into_iter().map(|offer| view! { <OfferItem offer /> }).collect_view()}
                    </ul>
                }
                    .into_any()
            }}
        </section>
        <CreateOfferForm partners=active reload />
    }
}

/// What an offer gives: `20%` or `R$ 15,00`.
pub(super) fn discount_text(percent: Option<i64>, cents: Option<i64>) -> String {
    match (percent, cents) {
        (Some(percent), _) => format!("{percent}%"),
        (None, Some(cents)) => show_money(cents),
        (None, None) => String::new(),
    }
}

#[component]
fn OfferItem(offer: Offer) -> impl IntoView {
    let i18n = use_i18n();
    let segment = offer.eligibility;
    let kind = segment.vehicle_kind.map(vehicle_kind_name);
    let spent = segment.spent_over_cents.map(show_money);
    let days = segment.visited_within_days;
    let everyone = kind.is_none() && spent.is_none() && days.is_none();
    let (from, until) = (offer.valid_from.clone(), offer.valid_until.clone());
    let validity = move || match (&from, &until) {
        (None, None) => t_string!(i18n, partners.no_end).to_owned(),
        (from, until) => format!(
            "{} – {}",
            from.as_deref().map(date_text).unwrap_or_default(),
            until.as_deref().map(date_text).unwrap_or_default()
        ),
    };
    let usable = offer.partner.active;
    let id = offer.id.clone();
    view! {
        <li class="offer-row" data-test="offer-row">
            <p>
                <strong>{offer.partner.name}</strong>
                " — "
                {offer.description}
                " "
                <span class="badge">{discount_text(offer.discount_percent, offer.discount_cents)}</span>
            </p>
            <p class="muted">
                {everyone.then(|| view! { {t!(i18n, partners.everyone)} " · " })}
                {kind.map(|kind| view! { {kind} " · " })}
                {spent.map(|amount| view! { {t!(i18n, partners.spent_over, amount = move || amount.clone())} " · " })}
                {days.map(|days| view! { {t!(i18n, partners.visited_within, days = move || days)} " · " })}
                {validity}
            </p>
            {usable.then(|| view! { <GrantAll offer_id=id.clone() /> <GrantOne offer_id=id.clone() /> })}
        </li>
    }
}

#[component]
fn CreateOfferForm(partners: Vec<(String, String)>, reload: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let partner = RwSignal::new(partners.first().map(|(id, _)| id.clone()).unwrap_or_default());
    let description = RwSignal::new(String::new());
    let percent = RwSignal::new(String::new());
    let amount = RwSignal::new(String::new());
    let from = RwSignal::new(String::new());
    let until = RwSignal::new(String::new());
    let kind = RwSignal::new(None::<VehicleKind>);
    let spent = RwSignal::new(String::new());
    let days = RwSignal::new(String::new());
    let blank = |s: RwSignal<String>| Some(s.get_untracked().trim().to_owned()).filter(|s| !s.is_empty());
    let create = use_form_submit(move |_: &()| {
        let eligibility = partners_create_offer::OfferEligibilityInput {
            vehicle_kind: kind.get_untracked(),
            spent_over_cents: blank(spent).map(|s| parse_money(&s).unwrap_or(-1)),
            visited_within_days: blank(days).map(|d| read_number(&d).unwrap_or(0)),
        };
        let input = partners_create_offer::PartnerOfferInput {
            partner_id: partner.get_untracked(),
            description: description.get_untracked(),
            discount_percent: blank(percent).map(|p| parse_percent(&p).map_or(0, |p| p.round() as i64)),
            discount_cents: blank(amount).map(|a| parse_money(&a).unwrap_or(0)),
            valid_from: blank(from),
            valid_until: blank(until),
            eligibility: Some(eligibility),
        };
        async move {
            request::<PartnersCreateOffer>(partners_create_offer::Variables { input }).await?;
            description.set(String::new());
            reload.run(());
            Ok::<(), ApiError>(())
        }
    });
    let (pending, error) = (create.pending(), create.error());
    let options = Signal::derive(move || partners.clone());
    let any = Signal::derive(move || t_string!(i18n, partners.any_vehicle).to_owned());
    view! {
        <section class="card">
            <h2>{t!(i18n, partners.add_offer_title)}</h2>
            <form class="form" novalidate on:submit=create.on_submit()>
                <SelectField name="partnerId" label=move || t!(i18n, partners.partner) value=partner options error />
                <FormField name="description" label=move || t!(i18n, partners.description) value=description error />
                <p class="muted">{t!(i18n, partners.discount_hint)}</p>
                <FormField name="discountPercent" label=move || t!(i18n, partners.discount_percent) value=percent error inputmode="decimal" />
                <FormField name="discountCents" label=move || t!(i18n, partners.discount_cents) value=amount error inputmode="decimal" />
                <FormField name="validFrom" label=move || t!(i18n, partners.valid_from) value=from error input_type="date" />
                <FormField name="validUntil" label=move || t!(i18n, partners.valid_until) value=until error input_type="date" />
                <EnumSelect name="eligibility.vehicleKind" label=move || t!(i18n, partners.vehicle_kind) value=kind text=vehicle_kind_name empty=any error />
                <FormField name="eligibility.spentOverCents" label=move || t!(i18n, partners.spent_over_label) value=spent error inputmode="decimal" />
                <FormField name="eligibility.visitedWithinDays" label=move || t!(i18n, partners.visited_within_label) value=days error inputmode="numeric" />
                <FormError error fields=FIELDS />
                <SubmitButton pending label=move || t!(i18n, partners.add_offer) pending_label=move || t!(i18n, partners.saving) data_test="add-offer" />
            </form>
        </section>
    }
}
