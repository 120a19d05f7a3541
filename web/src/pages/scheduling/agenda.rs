//! `/painel/agenda`: the staff agenda, a day by bay (`agenda_day`) or a week (`agenda_week`),
//! kept live by `appointmentChanged`; each appointment as a card with its actions (attended, no
//! show, reschedule, cancel).
//!
//! Times are shown in the browser's time zone (`js_sys::Date`): a workshop and its staff share
//! one zone, the workshop's calendar zone, so the browser's local day is the workshop's day.

use std::time::Duration;

use leptos::prelude::*;
use leptos_i18n::Locale as _;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

use super::agenda_day::DayView;
use super::agenda_week::WeekView;
use super::book_dialog::{AgendaDialog, AgendaDialogs};
use crate::api::scheduling::{
    AgendaAppointmentChanged, AgendaAppointments, AgendaSlots, AppointmentStatus, agenda_appointment_changed,
    agenda_appointments, agenda_book, agenda_cancel, agenda_customer_appointments, agenda_mark_attendance,
    agenda_reschedule, agenda_slots,
};
use crate::api::{ApiError, request, subscribe};
use crate::components::{LiveMark, Loaded};
use crate::format::show_plate;
use crate::i18n::{t, t_string, use_i18n};
use crate::pages::can_edit;

/// The path of the agenda.
pub(crate) const AGENDA_PATH: &str = "/painel/agenda";
/// The query parameter with the day shown (`YYYY-MM-DD`, local).
const DAY_PARAM: &str = "dia";
/// The query parameter that shows the week (`vista=semana`).
const VIEW_PARAM: &str = "vista";
/// Its value for the week.
const WEEK: &str = "semana";
/// The `Intl.DateTimeFormat` options of a day in a heading or a card: `qua., 02/12`.
pub(super) const SHORT_DAY: &str = r#"{"weekday":"short","day":"2-digit","month":"2-digit"}"#;
/// How long a card that just arrived stays highlighted.
const HIGHLIGHT: Duration = Duration::from_secs(5);

/// A local calendar day (the browser's zone).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Day {
    year: u32,
    /// 1 to 12.
    month: u32,
    day: u32,
}

impl Day {
    /// The day of a `js_sys::Date`, in the browser's zone.
    fn of(date: &js_sys::Date) -> Self {
        Day { year: date.get_full_year(), month: date.get_month() + 1, day: date.get_date() }
    }

    /// Today.
    pub(crate) fn today() -> Self {
        Day::of(&js_sys::Date::new_0())
    }

    /// The day an instant (milliseconds since the epoch) falls on.
    pub(crate) fn at(millis: f64) -> Self {
        Day::of(&js_sys::Date::new(&millis.into()))
    }

    /// Reads `YYYY-MM-DD`.
    pub(crate) fn parse(text: &str) -> Option<Self> {
        let mut parts = text.trim().splitn(3, '-');
        let year = parts.next()?.parse().ok()?;
        let month = parts.next()?.parse().ok()?;
        let day = parts.next()?.parse().ok()?;
        ((1..=12).contains(&month) && (1..=31).contains(&day)).then_some(Day { year, month, day })
    }

    /// Local midnight of the day.
    fn midnight(self) -> js_sys::Date {
        js_sys::Date::new_with_year_month_day(self.year, self.month as i32 - 1, self.day as i32)
    }

    /// The day `days` later (earlier when negative).
    pub(super) fn plus(self, days: i32) -> Self {
        Day::of(&js_sys::Date::new_with_year_month_day(
            self.year,
            self.month as i32 - 1,
            self.day as i32 + days,
        ))
    }

    /// The Monday of the day's week.
    pub(super) fn monday(self) -> Self {
        let weekday = self.midnight().get_day() as i32; // 0 = Sunday
        self.plus(-((weekday + 6) % 7))
    }

    /// When the day begins, in milliseconds since the epoch.
    pub(super) fn start_millis(self) -> f64 {
        self.midnight().get_time()
    }

    /// When the day begins, as a `DateTime` (UTC).
    fn start_instant(self) -> String {
        String::from(self.midnight().to_iso_string())
    }

    /// The day in the current language, with `options` of `Intl.DateTimeFormat` (a JSON object).
    pub(super) fn text(self, options: &str) -> String {
        let options = js_sys::JSON::parse(options).unwrap_or(wasm_bindgen::JsValue::UNDEFINED);
        String::from(self.midnight().to_locale_date_string(locale_tag(), &options))
    }
}

impl std::fmt::Display for Day {
    /// `YYYY-MM-DD`, the schema's `Date`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// The language tag of the current language (`pt-BR`, `en`), for `Intl` formats.
fn locale_tag() -> &'static str {
    use_i18n().get_locale().as_str()
}

/// The milliseconds since the epoch of a `DateTime`, or NaN.
pub(super) fn millis(text: &str) -> f64 {
    js_sys::Date::parse(text)
}

/// The local time of an instant, `14:30`.
pub(super) fn clock(millis: f64) -> String {
    let date = js_sys::Date::new(&millis.into());
    format!("{:02}:{:02}", date.get_hours(), date.get_minutes())
}

/// An appointment as the agenda shows it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Appointment {
    pub(super) id: String,
    pub(super) status: AppointmentStatus,
    /// The start as the server sent it (a `DateTime`).
    pub(super) starts_at: String,
    /// The start and end in milliseconds since the epoch.
    pub(super) start: f64,
    pub(super) end: f64,
    pub(super) notes: Option<String>,
    pub(super) marked_by: Option<String>,
    pub(super) can_cancel: bool,
    pub(super) customer_id: String,
    pub(super) customer_name: String,
    pub(super) plate: String,
    pub(super) vehicle: String,
}

/// The appointment of any agenda operation (they all ask for the same fields).
macro_rules! appointment_from {
    ($($fragment:ty),+ $(,)?) => {$(
        impl From<$fragment> for Appointment {
            fn from(found: $fragment) -> Self {
                Appointment {
                    start: millis(&found.starts_at),
                    end: millis(&found.ends_at),
                    id: found.id,
                    status: found.status,
                    starts_at: found.starts_at,
                    notes: found.notes.filter(|notes| !notes.trim().is_empty()),
                    marked_by: found.attendance_marked_by,
                    can_cancel: found.can_cancel,
                    customer_id: found.customer.id,
                    customer_name: found.customer.name,
                    plate: show_plate(&found.vehicle.plate),
                    vehicle: format!("{} {}", found.vehicle.brand, found.vehicle.model),
                }
            }
        }
    )+};
}

appointment_from!(
    agenda_appointments::AgendaAppointment,
    agenda_appointment_changed::AgendaAppointment,
    agenda_customer_appointments::AgendaAppointment,
    agenda_book::AgendaAppointment,
    agenda_reschedule::AgendaAppointment,
    agenda_cancel::AgendaAppointment,
    agenda_mark_attendance::AgendaAppointment,
);

impl Appointment {
    /// Whether the start has passed (a no-show may only be marked then).
    pub(super) fn started(&self) -> bool {
        self.start <= js_sys::Date::now()
    }

    /// The CSS modifier of its status.
    pub(super) fn status_class(&self) -> &'static str {
        match self.status {
            AppointmentStatus::Booked => "appointment--booked",
            AppointmentStatus::Attended => "appointment--attended",
            AppointmentStatus::NoShow => "appointment--no-show",
            AppointmentStatus::Cancelled | AppointmentStatus::Unknown => "appointment--cancelled",
        }
    }

    /// Whether it takes a bay (a cancelled one does not).
    pub(super) fn active(&self) -> bool {
        !matches!(self.status, AppointmentStatus::Cancelled | AppointmentStatus::Unknown)
    }
}

/// A free slot of a day.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct FreeSlot {
    /// The start as the server sent it (a `DateTime`), what booking sends back.
    pub(super) starts_at: String,
    /// The start in milliseconds since the epoch.
    pub(super) start: f64,
    /// Bays still free.
    pub(super) free_bays: i64,
}

/// The free slots of a local day.
pub(super) async fn load_slots(day: Day) -> Result<Vec<FreeSlot>, ApiError> {
    let found = request::<AgendaSlots>(agenda_slots::Variables { date: day.to_string() }).await?;
    Ok(found
        .available_slots
        .into_iter()
        .map(|slot| FreeSlot {
            start: millis(&slot.starts_at),
            starts_at: slot.starts_at,
            free_bays: slot.free_bays,
        })
        .collect())
}

/// Puts a changed appointment where it belongs: in the list, by start, when it starts in
/// `[from, to)`; out of it otherwise (moved to another day).
fn place(list: &mut Vec<Appointment>, changed: Appointment, (from, to): (f64, f64)) {
    list.retain(|appointment| appointment.id != changed.id);
    if changed.start >= from && changed.start < to {
        list.push(changed);
        list.sort_by(|a, b| a.start.total_cmp(&b.start));
    }
}

/// What the agenda shows: a day by bay, or a week.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Span {
    Day,
    Week,
}

impl Span {
    /// The first day shown and the day after the last.
    fn window(self, day: Day) -> (Day, Day) {
        match self {
            Span::Day => (day, day.plus(1)),
            Span::Week => (day.monday(), day.monday().plus(7)),
        }
    }

    /// How far "Anterior" and "Próximo" go.
    fn step(self) -> i32 {
        match self {
            Span::Day => 1,
            Span::Week => 7,
        }
    }
}

/// The agenda's path for a span and a day.
fn agenda_href(span: Span, day: Day) -> String {
    match span {
        Span::Day => format!("{AGENDA_PATH}?{DAY_PARAM}={day}"),
        Span::Week => format!("{AGENDA_PATH}?{DAY_PARAM}={day}&{VIEW_PARAM}={WEEK}"),
    }
}

/// The agenda's path on a day (the day view).
pub(super) fn day_href(day: Day) -> String {
    agenda_href(Span::Day, day)
}

/// The classes of the link to a span: the one shown stands out.
fn view_class(shown: bool) -> &'static str {
    if shown { "button button--quiet agenda-nav__shown" } else { "button button--quiet" }
}

/// The appointments starting in `[from, to)`.
async fn load_appointments(from: Day, to: Day) -> Result<Vec<Appointment>, ApiError> {
    let variables = agenda_appointments::Variables { from: from.start_instant(), to: to.start_instant() };
    let found = request::<AgendaAppointments>(variables).await?;
    Ok(found.upcoming_appointments.into_iter().map(Appointment::from).collect())
}

/// Marks `id` highlighted for a few seconds (a card that just arrived).
fn highlight(fresh: RwSignal<Vec<String>>, id: String) {
    fresh.update(|fresh| fresh.push(id.clone()));
    set_timeout(
        move || {
            fresh.try_update(|fresh| fresh.retain(|held| *held != id));
        },
        HIGHLIGHT,
    );
}

/// `/painel/agenda`: the day by bay (`?dia=`) or its week (`&vista=semana`), "Anterior",
/// "Hoje", "Próximo", "Novo agendamento" (ADMIN, OPERATOR), live: a booking made anywhere appears
/// without a reload, highlighted for a few seconds.
#[component]
pub fn AgendaPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let day = Memo::new(move |_| {
        query.with(|query| query.get(DAY_PARAM)).as_deref().and_then(Day::parse).unwrap_or_else(Day::today)
    });
    let span = Memo::new(move |_| {
        if query.with(|query| query.get(VIEW_PARAM)).as_deref() == Some(WEEK) {
            Span::Week
        } else {
            Span::Day
        }
    });
    let window = Memo::new(move |_| span.get().window(day.get()));
    let window_millis = move || {
        let (from, to) = window.get_untracked();
        (from.start_millis(), to.start_millis())
    };
    let loaded = LocalResource::new(move || {
        let (from, to) = window.get();
        load_appointments(from, to)
    });
    let appointments = RwSignal::new(Vec::<Appointment>::new());
    Effect::new(move |_| {
        if let Some(Ok(list)) = loaded.get() {
            appointments.set(list);
        }
    });
    // The day view's rows: the free slots besides the booked ones.
    let slots = LocalResource::new(move || {
        let (span, day) = (span.get(), day.get());
        async move { if span == Span::Day { load_slots(day).await } else { Ok(Vec::new()) } }
    });
    let fresh = RwSignal::new(Vec::<String>::new());
    let live = subscribe::<AgendaAppointmentChanged>(
        agenda_appointment_changed::Variables,
        move |data| {
            use agenda_appointment_changed::AppointmentChange;
            let event = data.appointment_changed;
            let appointment = Appointment::from(event.appointment);
            if matches!(event.change, AppointmentChange::BOOKED | AppointmentChange::RESCHEDULED) {
                highlight(fresh, appointment.id.clone());
            }
            appointments.update(|list| place(list, appointment, window_millis()));
            slots.refetch();
        },
        move || {
            loaded.refetch();
            slots.refetch();
        },
    );
    let dialog = RwSignal::new(AgendaDialog::Closed);
    let on_changed = Callback::new(move |appointment: Appointment| {
        appointments.update(|list| place(list, appointment, window_millis()));
        slots.refetch();
    });
    let title = move || match span.get() {
        Span::Day => {
            day.get().text(r#"{"weekday":"long","day":"2-digit","month":"2-digit","year":"numeric"}"#)
        }
        Span::Week => {
            let (from, to) = window.get();
            let short = r#"{"day":"2-digit","month":"2-digit"}"#;
            format!("{} – {}", from.text(short), to.plus(-1).text(short))
        }
    };

    view! {
        <div class="page-head">
            <div>
                <h1>{t!(i18n, agenda.title)}</h1>
                <LiveMark status=live />
            </div>
            <Show when=can_edit>
                <div class="page-head__actions">
                    <button
                        type="button"
                        class="button button--primary"
                        data-test="new-appointment"
                        on:click=move |_| {
                            dialog.set(AgendaDialog::Book { customer: None, day: day.get_untracked() });
                        }
                    >
                        {t!(i18n, agenda.new)}
                    </button>
                </div>
            </Show>
        </div>
        <AgendaDialogs dialog on_changed />
        <nav class="agenda-nav" aria-label=move || t_string!(i18n, agenda.nav_label)>
            <A
                href=move || agenda_href(span.get(), day.get().plus(-span.get().step()))
                attr:class="button"
                attr:data-test="agenda-previous"
            >
                {t!(i18n, agenda.previous)}
            </A>
            <A
                href=move || agenda_href(span.get(), Day::today())
                attr:class="button"
                attr:data-test="agenda-today"
            >
                {t!(i18n, agenda.today)}
            </A>
            <A
                href=move || agenda_href(span.get(), day.get().plus(span.get().step()))
                attr:class="button"
                attr:data-test="agenda-next"
            >
                {t!(i18n, agenda.next)}
            </A>
            <span class="agenda-nav__views">
                <A
                    href=move || agenda_href(Span::Day, day.get())
                    attr:class=move || view_class(span.get() == Span::Day)
                    attr:data-test="agenda-show-day"
                >
                    {t!(i18n, agenda.day)}
                </A>
                <A
                    href=move || agenda_href(Span::Week, day.get())
                    attr:class=move || view_class(span.get() == Span::Week)
                    attr:data-test="agenda-show-week"
                >
                    {t!(i18n, agenda.week)}
                </A>
            </span>
        </nav>
        <h2 class="agenda-title" data-test="agenda-title">{title}</h2>
        <Loaded
            resource=loaded
            show=move |_| {
                move || match span.get() {
                    Span::Day => view! { <DayView appointments slots fresh dialog on_changed /> }.into_any(),
                    Span::Week => view! { <WeekView monday=window.get().0 appointments fresh /> }.into_any(),
                }
            }
        />
    }
}
