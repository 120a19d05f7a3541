//! A month calendar to pick a day: previous and next month, today marked, and only the days with
//! a free slot clickable (the others greyed).

use leptos::prelude::*;

use crate::api::ApiError;
use crate::components::{ErrorNotice, Loading};
use crate::i18n::{t, t_string, use_i18n};

/// A month of a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Month {
    year: i32,
    /// 1 = January … 12 = December.
    month: u32,
}

impl Month {
    /// The month of a `YYYY-MM-DD` day, if it reads as one.
    pub(super) fn of(day: &str) -> Option<Self> {
        let year = day.get(..4)?.parse().ok()?;
        let month = day.get(5..7)?.parse().ok()?;
        (1..=12).contains(&month).then_some(Self { year, month })
    }

    /// The month before.
    fn previous(self) -> Self {
        if self.month == 1 {
            Self { year: self.year - 1, month: 12 }
        } else {
            Self { month: self.month - 1, ..self }
        }
    }

    /// The month after.
    fn next(self) -> Self {
        if self.month == 12 {
            Self { year: self.year + 1, month: 1 }
        } else {
            Self { month: self.month + 1, ..self }
        }
    }

    /// How many days it has.
    fn days(self) -> u32 {
        match self.month {
            2 if self.year % 4 == 0 && (self.year % 100 != 0 || self.year % 400 == 0) => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        }
    }

    /// Its day `day` as `YYYY-MM-DD`.
    fn day(self, day: u32) -> String {
        format!("{:04}-{:02}-{day:02}", self.year, self.month)
    }

    /// Its first day, `YYYY-MM-DD`.
    pub(super) fn first_day(self) -> String {
        self.day(1)
    }

    /// Its last day, `YYYY-MM-DD`.
    pub(super) fn last_day(self) -> String {
        self.day(self.days())
    }

    /// The weekday of its first day, 0 = Sunday … 6 = Saturday (the calendar's columns, as
    /// Brazilian calendars start the week on Sunday). Sakamoto's method.
    fn first_weekday(self) -> u32 {
        const OFFSETS: [i32; 12] = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
        let year = if self.month < 3 { self.year - 1 } else { self.year };
        let sum = year + year / 4 - year / 100 + year / 400 + OFFSETS[self.month as usize - 1] + 1;
        sum.rem_euclid(7) as u32
    }

    /// The month's name and year in the current language: "dezembro de 2026", "December 2026".
    fn title(self) -> String {
        let i18n = use_i18n();
        let name = match self.month {
            1 => t_string!(i18n, calendar.january),
            2 => t_string!(i18n, calendar.february),
            3 => t_string!(i18n, calendar.march),
            4 => t_string!(i18n, calendar.april),
            5 => t_string!(i18n, calendar.may),
            6 => t_string!(i18n, calendar.june),
            7 => t_string!(i18n, calendar.july),
            8 => t_string!(i18n, calendar.august),
            9 => t_string!(i18n, calendar.september),
            10 => t_string!(i18n, calendar.october),
            11 => t_string!(i18n, calendar.november),
            _ => t_string!(i18n, calendar.december),
        };
        format!("{name}{}{}", t_string!(i18n, calendar.month_year_joiner), self.year)
    }
}

/// The days of a month with a free slot (`availableDays`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct OpenDays {
    /// The month asked for.
    pub(super) month: Month,
    /// Its days with a free slot, `YYYY-MM-DD`.
    pub(super) days: Vec<String>,
}

/// The one-letter names of the weekdays from Sunday, in the current language.
fn weekday_initials() -> [&'static str; 7] {
    let i18n = use_i18n();
    [
        t_string!(i18n, calendar.sunday_initial),
        t_string!(i18n, calendar.monday_initial),
        t_string!(i18n, calendar.tuesday_initial),
        t_string!(i18n, calendar.wednesday_initial),
        t_string!(i18n, calendar.thursday_initial),
        t_string!(i18n, calendar.friday_initial),
        t_string!(i18n, calendar.saturday_initial),
    ]
}

/// The calendar of `month` (no month before today's): the days in `open_days` are buttons that
/// set `chosen`; the others are greyed. Changing the month forgets the chosen day.
#[component]
pub(super) fn CalendarMonth(
    /// The month shown.
    month: RwSignal<Month>,
    /// The days with a free slot of the month shown (while they are another month's, the
    /// calendar is loading).
    open_days: LocalResource<Result<OpenDays, ApiError>>,
    /// The chosen day, `YYYY-MM-DD`.
    chosen: RwSignal<Option<String>>,
    /// Today, `YYYY-MM-DD`.
    today: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let this_month = Month::of(&today);
    let go = move |to: Month| {
        month.set(to);
        chosen.set(None);
    };
    let at_first = move || this_month.is_some_and(|first| month.get() <= first);
    // The answer for the month shown; `None` while it loads.
    let answer =
        move || open_days.get().filter(|answer| !matches!(answer, Ok(open) if open.month != month.get()));
    let open = move || answer().and_then(Result::ok).map(|open| open.days).unwrap_or_default();
    let days = move || {
        let shown = month.get();
        let open = open();
        let blanks = (0..shown.first_weekday()).map(|_| view! { <span class="calendar__blank"></span> });
        let today = today.clone();
        let days = (1..=shown.days()).map(move |number| {
            let day = shown.day(number);
            let is_open = open.contains(&day);
            let is_today = day == today;
            let is_chosen = {
                let day = day.clone();
                move || chosen.with(|chosen| chosen.as_deref() == Some(day.as_str()))
            };
            let pick = day.clone();
            view! {
                <button
                    type="button"
                    class="calendar__day"
                    class:calendar__day--today=is_today
                    class:calendar__day--open=is_open
                    class:calendar__day--chosen=is_chosen.clone()
                    data-date=day
                    data-test="calendar-day"
                    disabled=!is_open
                    aria-pressed=move || is_chosen().to_string()
                    aria-current=is_today.then_some("date")
                    on:click=move |_| chosen.set(Some(pick.clone()))
                >
                    {number}
                </button>
            }
        });
        view! {
            {blanks.collect_view()}
            {days.collect_view()}
        }
    };
    view! {
        <div class="calendar" data-test="calendar" aria-busy=move || answer().is_none().to_string()>
            <div class="calendar__head">
                <button
                    type="button"
                    class="button button--quiet"
                    data-test="previous-month"
                    aria-label=move || t_string!(i18n, calendar.previous)
                    disabled=at_first
                    on:click=move |_| go(month.get_untracked().previous())
                >
                    "‹"
                </button>
                <h3 class="calendar__title" aria-live="polite" data-test="calendar-title">
                    {move || month.get().title()}
                </h3>
                <button
                    type="button"
                    class="button button--quiet"
                    data-test="next-month"
                    aria-label=move || t_string!(i18n, calendar.next)
                    on:click=move |_| go(month.get_untracked().next())
                >
                    "›"
                </button>
            </div>
            <div class="calendar__grid">
                {move || {
                    weekday_initials()
                        .into_iter()
                        .map(|initial| view! { <span class="calendar__weekday" aria-hidden="true">{initial}</span> })
                        .collect_view()
                }}
                {days}
            </div>
            {move || match answer() {
                None => view! { <Loading /> }.into_any(),
                Some(Err(error)) => {
                    view! { <ErrorNotice error retry=Callback::new(move |()| open_days.refetch()) /> }.into_any()
                }
                Some(Ok(open)) if open.days.is_empty() => {
                    view! { <p class="empty" data-test="no-open-days">{t!(i18n, calendar.no_open_days)}</p> }
                        .into_any()
                }
                Some(Ok(_)) => ().into_any(),
            }}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::Month;

    #[test]
    fn a_month_knows_its_days_and_first_weekday() {
        let december = Month::of("2026-12-01").unwrap();
        assert_eq!((december.first_day(), december.last_day()), ("2026-12-01".into(), "2026-12-31".into()));
        // 1 December 2026 is a Tuesday.
        assert_eq!(december.first_weekday(), 2);
        assert_eq!(december.next(), Month::of("2027-01-15").unwrap());
        assert_eq!(december.next().previous(), december);
        assert_eq!(Month::of("2028-02-10").unwrap().last_day(), "2028-02-29");
        assert_eq!(Month::of("2100-02-10").unwrap().last_day(), "2100-02-28");
        assert_eq!(Month::of("2027-02-10").unwrap().last_day(), "2027-02-28");
        assert_eq!(Month::of("2026-04-30").unwrap().last_day(), "2026-04-30");
        // 1 March 2026 and 1 January 2023 are Sundays; 1 February 2026 too.
        assert_eq!(Month::of("2026-03-01").unwrap().first_weekday(), 0);
        assert_eq!(Month::of("2023-01-01").unwrap().first_weekday(), 0);
        assert_eq!(Month::of("2026-02-01").unwrap().first_weekday(), 0);
        assert_eq!(Month::of("2026-13-01"), None);
        assert_eq!(Month::of("nope"), None);
    }
}
