//! The order's mechanic, odometer and notes: the fields of a new order, and the form that changes
//! them on an open order's page.

use leptos::prelude::*;

use super::detail::{Change, Changes, Order};
use crate::api::operations::{Mechanics, mechanics};
use crate::api::{ApiError, request};
use crate::components::{FormField, SelectField};
use crate::format::{mask_km, read_number};
use crate::i18n::{t, t_string, use_i18n};

/// What the header's fields hold.
#[derive(Clone, Copy)]
pub(super) struct HeaderDraft {
    /// The chosen mechanic's id (`""` for none).
    pub mechanic: RwSignal<String>,
    pub odometer: RwSignal<String>,
    pub notes: RwSignal<String>,
}

impl HeaderDraft {
    pub(super) fn new(mechanic_id: Option<String>, odometer_km: Option<i64>, notes: Option<String>) -> Self {
        Self {
            mechanic: RwSignal::new(mechanic_id.unwrap_or_default()),
            odometer: RwSignal::new(odometer_km.map(|km| mask_km(&km.to_string())).unwrap_or_default()),
            notes: RwSignal::new(notes.unwrap_or_default()),
        }
    }

    /// The mechanic's id, if one is chosen.
    pub(super) fn mechanic_id(&self) -> Option<String> {
        Some(self.mechanic.get_untracked()).filter(|id| !id.is_empty())
    }

    pub(super) fn odometer_km(&self) -> Option<i64> {
        read_number(&self.odometer.get_untracked())
    }

    /// The notes, if any were typed.
    pub(super) fn notes(&self) -> Option<String> {
        Some(self.notes.get_untracked()).filter(|notes| !notes.trim().is_empty())
    }
}

/// The mechanic select (when the workshop has mechanics), the odometer and the notes.
#[component]
pub(super) fn HeaderFields(draft: HeaderDraft, error: Signal<Option<ApiError>>) -> impl IntoView {
    let i18n = use_i18n();
    let listed = LocalResource::new(|| request::<Mechanics>(mechanics::Variables));
    let mechanics = Signal::derive(move || {
        listed
            .get()
            .and_then(Result::ok)
            .map(|data| data.mechanics.into_iter().map(|m| (m.id, m.name)).collect::<Vec<_>>())
            .unwrap_or_default()
    });
    let no_mechanic = Signal::derive(move || t_string!(i18n, orders.no_mechanic).to_owned());
    view! {
        <div class="grid">
            <Show when=move || !mechanics.with(Vec::is_empty)>
                <SelectField
                    name="mechanicId"
                    label=move || t!(i18n, orders.mechanic)
                    value=draft.mechanic
                    options=mechanics
                    empty=no_mechanic
                    error
                />
            </Show>
            <FormField
                name="odometerKm"
                label=move || t!(i18n, orders.odometer)
                value=draft.odometer
                error
                inputmode="numeric"
                mask=mask_km
            />
        </div>
        <div class="field">
            <label for="field-notes">{t!(i18n, orders.notes)}</label>
            <textarea
                id="field-notes"
                name="notes"
                rows="3"
                prop:value=draft.notes
                on:input=move |event| draft.notes.set(event_target_value(&event))
            ></textarea>
        </div>
    }
}

/// On an open order's page (front desk): the mechanic, odometer and notes, saved together.
#[component]
pub(super) fn HeaderForm(order: Order, changes: Changes) -> impl IntoView {
    let i18n = use_i18n();
    let draft =
        HeaderDraft::new(order.mechanic.clone().map(|m| m.id), order.odometer_km, order.notes.clone());
    let pending = changes.pending();
    let save = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let change = Change::Header {
            mechanic_id: draft.mechanic_id(),
            odometer_km: draft.odometer_km(),
            notes: draft.notes(),
        };
        changes.send(&order, change);
    };
    view! {
        <details class="card">
            <summary data-test="edit-order-header">{t!(i18n, orders.edit_header)}</summary>
            <form class="form" data-test="order-header-form" novalidate on:submit=save>
                <HeaderFields draft error=changes.error() />
                <div class="form__actions">
                    <button type="submit" class="button button--primary" data-test="save-order-header" disabled=pending>
                        {t!(i18n, orders.save_header)}
                    </button>
                </div>
            </form>
        </details>
    }
}
