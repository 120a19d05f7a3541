//! The agenda's week: seven columns, Monday to Sunday, each with its count and short cards; a
//! day's heading opens it by bay.

use leptos::prelude::*;
use leptos_router::components::A;

use super::agenda::{Appointment, Day, SHORT_DAY, clock, day_href};
use crate::i18n::{t, use_i18n};

/// The week from `monday`: each day's booked (not cancelled) count and its appointments, by start.
#[component]
pub(super) fn WeekView(
    monday: Day,
    appointments: RwSignal<Vec<Appointment>>,
    fresh: RwSignal<Vec<String>>,
) -> impl IntoView {
    view! {
        <div class="agenda-week" data-test="agenda-week">
            {(0..7)
                .map(|offset| view! { <WeekDay day=monday.plus(offset) appointments fresh /> })
                .collect_view()}
        </div>
    }
}

/// One day of the week.
#[component]
fn WeekDay(
    day: Day,
    appointments: RwSignal<Vec<Appointment>>,
    fresh: RwSignal<Vec<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let (from, to) = (day.start_millis(), day.plus(1).start_millis());
    let held = Memo::new(move |_| {
        appointments.with(|list| {
            list.iter()
                .filter(|appointment| appointment.start >= from && appointment.start < to)
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let today = day == Day::today();
    view! {
        <section class="agenda-week__day" class:agenda-week__day--today=today data-test="agenda-week-day">
            <h3 class="agenda-week__title">
                <A href=day_href(day)>{day.text(SHORT_DAY)}</A>
                " "
                <span class="board__count" data-test="agenda-week-count">
                    {move || held.with(|held| held.iter().filter(|appointment| appointment.active()).count())}
                </span>
            </h3>
            {move || {
                let held = held.get();
                if held.is_empty() {
                    return view! { <p class="muted">{t!(i18n, agenda.week_day_empty)}</p> }.into_any();
                }
                view! {
                    <ul class="agenda-week__cards">
                        {held
                            .into_iter()
                            .map(|appointment| {
                                let id = appointment.id.clone();
                                let class = format!("agenda-week__card {}", appointment.status_class());
                                view! {
                                    <li
                                        class=class
                                        class:appointment--fresh=move || fresh.with(|fresh| fresh.contains(&id))
                                        data-test="agenda-week-card"
                                    >
                                        <strong>{clock(appointment.start)}</strong>
                                        " "
                                        <span class="plate">{appointment.plate}</span>
                                        <span class="muted">{appointment.customer_name}</span>
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
