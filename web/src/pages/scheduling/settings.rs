//! `/painel/agenda/configuracoes` (ADMIN): the workshop's calendar: opening ranges per weekday
//! (added and removed), slot length, bays, reminder hours, time zone and closed dates, saved at
//! once by `updateCalendarSettings`, each error shown at its field.

use std::sync::atomic::{AtomicU64, Ordering};

use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::scheduling::{
    CalendarSettings, UpdateCalendarSettings, calendar_settings, update_calendar_settings,
};
use crate::api::{ApiError, Role, Session, request};
use crate::components::{
    FieldError, FormError, FormField, Loaded, SelectField, SubmitButton, use_form_submit,
};
use crate::format::{mask_four_digits, read_number};
use crate::i18n::{date_text, t, t_string, use_i18n};

/// The path of this page.
const SETTINGS_PATH: &str = "/painel/agenda/configuracoes";

/// The zones the select offers (Brazil's), besides the current one.
const ZONES: [&str; 9] = [
    "America/Sao_Paulo",
    "America/Manaus",
    "America/Belem",
    "America/Fortaleza",
    "America/Recife",
    "America/Cuiaba",
    "America/Porto_Velho",
    "America/Rio_Branco",
    "America/Noronha",
];

/// The inputs named as the server's fields; `openingHours.` and `closedDates.` stand for their rows.
const FIELDS: &[&str] =
    &["timeZone", "slotMinutes", "bays", "reminderHours", "openingHours.", "closedDates."];

/// What the server sent: the calendar to edit.
type Settings = calendar_settings::CalendarSettingsCalendarSettings;

/// A fresh key for an opening range (rows are told apart by it, not by their place).
fn next_key() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// One opening range of a weekday being edited.
#[derive(Clone, Copy)]
struct Range {
    key: u64,
    /// 1 = Monday … 7 = Sunday.
    weekday: i64,
    opens: RwSignal<String>,
    closes: RwSignal<String>,
}

impl Range {
    fn new(weekday: i64, opens: &str, closes: &str) -> Self {
        Self {
            key: next_key(),
            weekday,
            opens: RwSignal::new(opens.to_owned()),
            closes: RwSignal::new(closes.to_owned()),
        }
    }
}

/// The name of a weekday (1 = Monday … 7 = Sunday) in the current language.
fn weekday_name(weekday: i64) -> &'static str {
    let i18n = use_i18n();
    match weekday {
        1 => t_string!(i18n, calendar.monday),
        2 => t_string!(i18n, calendar.tuesday),
        3 => t_string!(i18n, calendar.wednesday),
        4 => t_string!(i18n, calendar.thursday),
        5 => t_string!(i18n, calendar.friday),
        6 => t_string!(i18n, calendar.saturday),
        _ => t_string!(i18n, calendar.sunday),
    }
}

/// The staff page's card that leads to this page (shown to the ADMIN only, as the page itself).
#[component]
pub fn CalendarSettingsLink() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="card">
            <h2>{t!(i18n, calendar_settings.title)}</h2>
            <p>{t!(i18n, calendar_settings.link_lead)}</p>
            <A href=SETTINGS_PATH attr:class="button" attr:data-test="calendar-settings-link">
                {t!(i18n, calendar_settings.link)}
            </A>
        </section>
    }
}

/// `/painel/agenda/configuracoes`: the form, for the ADMIN only.
#[component]
pub fn CalendarSettingsPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = Session::expect();
    let is_admin = move || session.user().is_some_and(|user| user.role == Role::Admin);
    view! {
        <h1>{t!(i18n, calendar_settings.title)}</h1>
        <Show
            when=is_admin
            fallback=move || {
                view! {
                    <div class="notice notice--error" role="alert">
                        <p>{t!(i18n, calendar_settings.admin_only)}</p>
                    </div>
                }
            }
        >
            <SettingsLoader />
        </Show>
    }
}

/// Loads the calendar, then shows the form.
#[component]
fn SettingsLoader() -> impl IntoView {
    let loaded = LocalResource::new(|| async {
        request::<CalendarSettings>(calendar_settings::Variables).await.map(|data| data.calendar_settings)
    });
    view! {
        <section class="card" data-test="calendar-settings">
            <Loaded resource=loaded show=|settings| view! { <SettingsForm settings /> } />
        </section>
    }
}

/// The form over the loaded calendar.
#[component]
fn SettingsForm(settings: Settings) -> impl IntoView {
    let i18n = use_i18n();
    let time_zone = RwSignal::new(settings.time_zone.clone());
    let slot_minutes = RwSignal::new(settings.slot_minutes.to_string());
    let bays = RwSignal::new(settings.bays.to_string());
    let reminder_hours = RwSignal::new(settings.reminder_hours.to_string());
    let mut ranges: Vec<Range> = settings
        .opening_hours
        .iter()
        .map(|range| Range::new(range.weekday, &range.opens, &range.closes))
        .collect();
    ranges.sort_by_key(|range| range.weekday);
    let ranges = RwSignal::new(ranges);
    let closed = RwSignal::new(settings.closed_dates.clone());
    let saved = RwSignal::new(false);
    let save = use_form_submit(move |_: &()| {
        let input = update_calendar_settings::CalendarSettingsInput {
            time_zone: time_zone.get_untracked(),
            slot_minutes: read_number(&slot_minutes.get_untracked()).unwrap_or(0),
            bays: read_number(&bays.get_untracked()).unwrap_or(0),
            reminder_hours: Some(read_number(&reminder_hours.get_untracked()).unwrap_or(0)),
            opening_hours: ranges.with_untracked(|ranges| {
                ranges
                    .iter()
                    .map(|range| update_calendar_settings::OpeningHoursInput {
                        weekday: range.weekday,
                        opens: range.opens.get_untracked(),
                        closes: range.closes.get_untracked(),
                    })
                    .collect()
            }),
            closed_dates: closed.get_untracked(),
        };
        saved.set(false);
        async move {
            request::<UpdateCalendarSettings>(update_calendar_settings::Variables { input }).await?;
            saved.set(true);
            Ok::<_, ApiError>(())
        }
    });
    let error = save.error();
    let pending = save.pending();
    let changed = Callback::new(move |()| {
        saved.set(false);
        save.clear_field_error();
    });
    let mut zones: Vec<String> = ZONES.iter().map(|zone| (*zone).to_owned()).collect();
    if !zones.contains(&settings.time_zone) {
        zones.insert(0, settings.time_zone.clone());
    }
    let zones: Vec<(String, String)> = zones.into_iter().map(|zone| (zone.clone(), zone)).collect();
    view! {
        <form class="form" novalidate on:submit=save.on_submit()>
            <div class="grid">
                <SelectField
                    name="timeZone"
                    label=move || t!(i18n, calendar_settings.time_zone)
                    value=time_zone
                    options=zones
                    error
                />
                <FormField
                    name="slotMinutes"
                    label=move || t!(i18n, calendar_settings.slot_minutes)
                    hint=move || t!(i18n, calendar_settings.slot_minutes_hint)
                    value=slot_minutes
                    error
                    inputmode="numeric"
                    mask=mask_four_digits
                />
                <FormField
                    name="bays"
                    label=move || t!(i18n, calendar_settings.bays)
                    hint=move || t!(i18n, calendar_settings.bays_hint)
                    value=bays
                    error
                    inputmode="numeric"
                    mask=mask_four_digits
                />
                <FormField
                    name="reminderHours"
                    label=move || t!(i18n, calendar_settings.reminder_hours)
                    hint=move || t!(i18n, calendar_settings.reminder_hours_hint)
                    value=reminder_hours
                    error
                    inputmode="numeric"
                    mask=mask_four_digits
                />
            </div>
            <h2>{t!(i18n, calendar_settings.opening_hours)}</h2>
            {(1..=7).map(|weekday| view! { <WeekdayRanges weekday ranges error changed /> }).collect_view()}
            <ClosedDates closed error changed />
            <FormError error fields=FIELDS />
            <Show when=move || saved.get()>
                <p class="notice" role="status" data-test="calendar-saved">
                    {t!(i18n, calendar_settings.saved)}
                </p>
            </Show>
            <div class="form__actions">
                <SubmitButton
                    pending
                    label=move || t!(i18n, calendar_settings.save)
                    pending_label=move || t!(i18n, calendar_settings.saving)
                    data_test="save-calendar"
                />
            </div>
        </form>
    }
}

/// A weekday's opening ranges, each with "Remover", and "Adicionar horário". A range's inputs are
/// named by its place in the list sent (`openingHours.2.closes`), ranges kept by weekday.
#[component]
fn WeekdayRanges(
    weekday: i64,
    ranges: RwSignal<Vec<Range>>,
    error: Signal<Option<ApiError>>,
    /// Run after a range is added or removed.
    changed: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let add = move |_| {
        ranges.update(|ranges| {
            // After the weekday's last range (or where its weekday goes), so the list stays by weekday.
            let at = ranges.iter().position(|range| range.weekday > weekday).unwrap_or(ranges.len());
            ranges.insert(at, Range::new(weekday, "", ""));
        });
        changed.run(());
    };
    view! {
        <fieldset class="form__section weekday" data-test="weekday" data-weekday=weekday>
            <legend>{move || weekday_name(weekday)}</legend>
            {move || {
                let rows: Vec<(usize, Range)> = ranges
                    .get()
                    .into_iter()
                    .enumerate()
                    .filter(|(_, range)| range.weekday == weekday)
                    .collect();
                if rows.is_empty() {
                    return view! { <p class="muted" data-test="weekday-closed">{t!(i18n, calendar_settings.closed_day)}</p> }
                        .into_any();
                }
                rows.into_iter()
                    .map(|(place, range)| {
                        let key = range.key;
                        view! {
                            <div class="range" data-test="range">
                                <FormField
                                    name=format!("openingHours.{place}.opens")
                                    label=move || t!(i18n, calendar_settings.opens)
                                    value=range.opens
                                    error
                                    input_type="time"
                                />
                                <FormField
                                    name=format!("openingHours.{place}.closes")
                                    label=move || t!(i18n, calendar_settings.closes)
                                    value=range.closes
                                    error
                                    input_type="time"
                                />
                                <button
                                    type="button"
                                    class="button button--quiet range__remove"
                                    data-test="remove-range"
                                    on:click=move |_| {
                                        ranges.update(|ranges| ranges.retain(|range| range.key != key));
                                        changed.run(());
                                    }
                                >
                                    {t!(i18n, calendar_settings.remove)}
                                </button>
                            </div>
                        }
                    })
                    .collect_view()
                    .into_any()
            }}
            <button type="button" class="button button--quiet" data-test="add-range" on:click=add>
                {t!(i18n, calendar_settings.add_range)}
            </button>
        </fieldset>
    }
}

/// The closed dates, ascending, each with "Remover", and a date input with "Adicionar".
#[component]
fn ClosedDates(
    closed: RwSignal<Vec<String>>,
    error: Signal<Option<ApiError>>,
    /// Run after a date is added or removed.
    changed: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let new_date = RwSignal::new(String::new());
    let add = move |_| {
        let date = new_date.get_untracked();
        if date.is_empty() {
            return;
        }
        closed.update(|dates| {
            if !dates.contains(&date) {
                dates.push(date);
                dates.sort();
            }
        });
        new_date.set(String::new());
        changed.run(());
    };
    view! {
        <fieldset class="form__section">
            <legend>{t!(i18n, calendar_settings.closed_dates)}</legend>
            <p class="field__hint">{t!(i18n, calendar_settings.closed_dates_hint)}</p>
            <ul class="closed-dates">
                {move || {
                    closed
                        .get()
                        .into_iter()
                        .enumerate()
                        .map(|(place, date)| {
                            let shown = date.clone();
                            view! {
                                <li data-test="closed-date">
                                    <span>{move || date_text(&shown)}</span>
                                    <button
                                        type="button"
                                        class="button button--quiet"
                                        data-test="remove-closed-date"
                                        on:click=move |_| {
                                            closed.update(|dates| dates.retain(|kept| *kept != date));
                                            changed.run(());
                                        }
                                    >
                                        {t!(i18n, calendar_settings.remove)}
                                    </button>
                                    <FieldError name=format!("closedDates.{place}") error />
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
            <div class="range">
                <div class="field">
                    <label for="field-new-closed-date">{t!(i18n, calendar_settings.new_closed_date)}</label>
                    <input
                        id="field-new-closed-date"
                        name="newClosedDate"
                        type="date"
                        prop:value=new_date
                        on:input=move |event| new_date.set(event_target_value(&event))
                    />
                </div>
                <button type="button" class="button button--quiet" data-test="add-closed-date" on:click=add>
                    {t!(i18n, calendar_settings.add_closed_date)}
                </button>
            </div>
        </fieldset>
    }
}
