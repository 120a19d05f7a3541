//! The day-and-slot field of the staff's booking dialogs: a date input and the day's free slots
//! as radio buttons, loaded again when the chosen slot was just taken.

use leptos::prelude::*;

use super::agenda::{Day, FreeSlot, clock, load_slots};
use crate::api::ApiError;
use crate::components::{ErrorNotice, Loading, first_error};
use crate::i18n::{t, use_i18n};

/// A day and the slot chosen in it, with the day's free slots.
#[derive(Clone, Copy)]
pub(super) struct SlotPicker {
    /// The day, `YYYY-MM-DD`.
    pub(super) day: RwSignal<String>,
    /// The chosen slot's start (a `DateTime`).
    pub(super) chosen: RwSignal<Option<String>>,
    /// The day's free slots.
    pub(super) slots: LocalResource<Result<Vec<FreeSlot>, ApiError>>,
}

impl SlotPicker {
    /// Starts on `day`, nothing chosen.
    pub(super) fn new(day: Day) -> Self {
        let day = RwSignal::new(day.to_string());
        let slots = LocalResource::new(move || {
            let day = Day::parse(&day.get());
            async move {
                match day {
                    Some(day) => load_slots(day).await,
                    None => Ok(Vec::new()),
                }
            }
        });
        SlotPicker { day, chosen: RwSignal::new(None), slots }
    }

    /// Loads the slots again and forgets the chosen one.
    pub(super) fn refresh(self) {
        self.chosen.set(None);
        self.slots.refetch();
    }
}

/// The day's field and its free slots, one to choose; "no free slot" for a closed or full day.
#[component]
pub(super) fn SlotPickerView(picker: SlotPicker) -> impl IntoView {
    let i18n = use_i18n();
    let SlotPicker { day, chosen, slots } = picker;
    view! {
        <div class="field">
            <label for="book-day">{t!(i18n, agenda.date)}</label>
            <input
                id="book-day"
                type="date"
                data-test="book-day"
                prop:value=day
                on:input=move |event| {
                    chosen.set(None);
                    day.set(event_target_value(&event));
                }
            />
        </div>
        <fieldset class="slots" data-test="slots">
            <legend>{t!(i18n, agenda.slot)}</legend>
            <Transition fallback=|| view! { <Loading /> }>
                <ErrorBoundary fallback=move |errors| {
                    view! {
                        <ErrorNotice
                            error=first_error(&errors.get())
                            retry=Callback::new(move |()| slots.refetch())
                        />
                    }
                }>
                    {move || Suspend::new(async move {
                        slots.await.map(|free| {
                            if free.is_empty() {
                                return view! {
                                    <p class="empty" data-test="no-slots">{t!(i18n, agenda.no_slots)}</p>
                                }
                                .into_any();
                            }
                            free.into_iter()
                                .map(|offered| view! { <SlotOption offered chosen /> })
                                .collect_view()
                                .into_any()
                        })
                    })}
                </ErrorBoundary>
            </Transition>
        </fieldset>
    }
}

/// One free slot, a radio button: its time and free bays.
#[component]
fn SlotOption(offered: FreeSlot, chosen: RwSignal<Option<String>>) -> impl IntoView {
    let i18n = use_i18n();
    let starts_at = offered.starts_at.clone();
    let checked = {
        let starts_at = starts_at.clone();
        move || chosen.with(|chosen| chosen.as_deref() == Some(starts_at.as_str()))
    };
    let time = clock(offered.start);
    view! {
        <label class="slot" data-test="slot">
            <input
                type="radio"
                name="slot"
                value=time.clone()
                prop:checked=checked
                on:change=move |_| chosen.set(Some(starts_at.clone()))
            />
            <strong>{time}</strong>
            <small class="muted">{t!(i18n, agenda.free_bays, count = offered.free_bays)}</small>
        </label>
    }
}
