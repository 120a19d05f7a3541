//! The form of a new program: a POINTS program asks for the points per real and the points of a
//! reward, a VISITS program for the visit that is free; both for the reward and its value.

use leptos::prelude::*;

use crate::api::loyalty::{CreateLoyaltyProgramForm, LoyaltyProgramKind, create_loyalty_program_form};
use crate::api::{ApiError, request};
use crate::components::{EnumSelect, FormError, FormField, SubmitButton, use_form_submit};
use crate::format::parse_money;
use crate::i18n::{loyalty_kind_name, t, use_i18n};

/// The inputs named as the server's fields (under `input.`).
const FIELDS: &[&str] = &[
    "name",
    "description",
    "kind",
    "pointsPerReal",
    "rewardPoints",
    "visitsForReward",
    "rewardDescription",
    "rewardCents",
];

/// A whole number typed, or `None` when empty or not a number (the server names the field).
fn whole(typed: &str) -> Option<i64> {
    typed.trim().parse().ok()
}

/// The new-program card; `created` runs after a program is created.
#[component]
pub(super) fn NewProgramForm(created: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let name = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let kind = RwSignal::new(Some(LoyaltyProgramKind::Points));
    let per_real = RwSignal::new("1".to_owned());
    let reward_points = RwSignal::new(String::new());
    let visits = RwSignal::new("5".to_owned());
    let reward = RwSignal::new(String::new());
    let value = RwSignal::new(String::new());
    let points = move || kind.get() != Some(LoyaltyProgramKind::Visits);
    let save = use_form_submit(move |_: &()| {
        let kind = kind.get_untracked().unwrap_or(LoyaltyProgramKind::Points);
        let is_points = kind != LoyaltyProgramKind::Visits;
        let typed_value = value.get_untracked();
        let input = create_loyalty_program_form::LoyaltyProgramInput {
            name: name.get_untracked(),
            description: Some(description.get_untracked()).filter(|d| !d.trim().is_empty()),
            kind,
            points_per_real: is_points.then(|| whole(&per_real.get_untracked())).flatten(),
            reward_points: is_points.then(|| whole(&reward_points.get_untracked())).flatten(),
            visits_for_reward: (!is_points).then(|| whole(&visits.get_untracked())).flatten(),
            reward_description: reward.get_untracked(),
            reward_cents: if typed_value.trim().is_empty() {
                None
            } else {
                Some(parse_money(&typed_value).unwrap_or(0))
            },
        };
        async move {
            request::<CreateLoyaltyProgramForm>(create_loyalty_program_form::Variables { input }).await?;
            for field in [name, description, reward_points, reward, value] {
                field.set(String::new());
            }
            created.run(());
            Ok::<_, ApiError>(())
        }
    });
    let pending = save.pending();
    let error = save.error();
    view! {
        <section class="card" data-test="new-program">
            <h2>{t!(i18n, loyalty.new_title)}</h2>
            <form class="form" novalidate on:submit=save.on_submit()>
                <FormField name="name" label=move || t!(i18n, loyalty.name) value=name error />
                <FormField
                    name="description"
                    label=move || t!(i18n, loyalty.description)
                    value=description
                    error
                />
                <EnumSelect name="kind" label=move || t!(i18n, loyalty.kind) value=kind text=loyalty_kind_name error />
                <Show
                    when=points
                    fallback=move || {
                        view! {
                            <FormField
                                name="visitsForReward"
                                label=move || t!(i18n, loyalty.visits_for_reward)
                                value=visits
                                error
                                inputmode="numeric"
                            />
                        }
                    }
                >
                    <FormField
                        name="pointsPerReal"
                        label=move || t!(i18n, loyalty.points_per_real)
                        value=per_real
                        error
                        inputmode="numeric"
                    />
                    <FormField
                        name="rewardPoints"
                        label=move || t!(i18n, loyalty.reward_points)
                        value=reward_points
                        error
                        inputmode="numeric"
                    />
                </Show>
                <FormField
                    name="rewardDescription"
                    label=move || t!(i18n, loyalty.reward_description)
                    value=reward
                    error
                />
                <FormField
                    name="rewardCents"
                    label=move || t!(i18n, loyalty.reward_value)
                    hint=move || t!(i18n, loyalty.reward_value_hint)
                    value
                    error
                    inputmode="decimal"
                />
                <FormError error fields=FIELDS />
                <div class="form__actions">
                    <SubmitButton
                        pending
                        label=move || t!(i18n, loyalty.create)
                        pending_label=move || t!(i18n, loyalty.creating)
                        data_test="create-program"
                    />
                </div>
            </form>
        </section>
    }
}
