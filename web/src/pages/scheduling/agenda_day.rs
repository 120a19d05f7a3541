//! The agenda's day: one row per slot (the free ones and the booked ones), one column per bay,
//! each appointment in the first bay free at its start; a list at phone width.

use leptos::prelude::*;

use super::agenda::{Appointment, FreeSlot, clock};
use super::appointment_card::AppointmentCard;
use super::book_dialog::AgendaDialog;
use crate::api::ApiError;
use crate::i18n::{t, use_i18n};

/// One row of the day: a slot's start and what starts then.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Row {
    /// The start, in milliseconds since the epoch.
    start: f64,
    /// The appointments starting then, each with its bay (from 0).
    placed: Vec<(usize, Appointment)>,
    /// The cancelled ones starting then (they take no bay).
    cancelled: Vec<Appointment>,
    /// Bays still free in the slot, as the server counts them.
    free: i64,
}

/// The day's bays and rows: every start of a free slot or of an appointment, by time; each
/// appointment goes to the first bay free at its start (one that ends before a later one starts
/// is free again). There are as many bays as the day ever fills, or as the server says are busy
/// and free in one slot, and at least one.
pub(super) fn lay_out(appointments: &[Appointment], slots: &[FreeSlot]) -> (usize, Vec<Row>) {
    let mut starts: Vec<f64> = slots
        .iter()
        .map(|slot| slot.start)
        .chain(appointments.iter().map(|appointment| appointment.start))
        .filter(|start| !start.is_nan())
        .collect();
    starts.sort_by(f64::total_cmp);
    starts.dedup();
    // When each bay is free again.
    let mut free_at: Vec<f64> = Vec::new();
    let mut bays = 1;
    let mut rows = Vec::with_capacity(starts.len());
    for start in starts {
        let free = slots.iter().find(|slot| slot.start == start).map_or(0, |slot| slot.free_bays);
        let mut row = Row { start, placed: Vec::new(), cancelled: Vec::new(), free };
        for appointment in appointments.iter().filter(|appointment| appointment.start == start) {
            if !appointment.active() {
                row.cancelled.push(appointment.clone());
                continue;
            }
            let bay = free_at.iter().position(|end| *end <= start).unwrap_or_else(|| {
                free_at.push(start);
                free_at.len() - 1
            });
            free_at[bay] = appointment.end.max(start);
            row.placed.push((bay, appointment.clone()));
        }
        let busy = free_at.iter().filter(|end| **end > start).count();
        bays = bays.max(free_at.len()).max(busy + usize::try_from(free).unwrap_or(0));
        rows.push(row);
    }
    (bays, rows)
}

/// The day by bay: the slots as rows, the bays as columns; the empty state when the day has
/// neither a free slot nor an appointment (closed, or past).
#[component]
pub(super) fn DayView(
    appointments: RwSignal<Vec<Appointment>>,
    slots: LocalResource<Result<Vec<FreeSlot>, ApiError>>,
    fresh: RwSignal<Vec<String>>,
    dialog: RwSignal<AgendaDialog>,
    on_changed: Callback<Appointment>,
) -> impl IntoView {
    let i18n = use_i18n();
    let layout = Memo::new(move |_| {
        let free = slots.get().and_then(Result::ok).unwrap_or_default();
        appointments.with(|list| lay_out(list, &free))
    });
    move || {
        let (bays, rows) = layout.get();
        if rows.is_empty() {
            return view! { <p class="empty" data-test="agenda-empty">{t!(i18n, agenda.day_empty)}</p> }
                .into_any();
        }
        view! {
            <div class="agenda-day" style=format!("--bays: {bays}") data-test="agenda-day">
                <div class="agenda-day__head" aria-hidden="true">
                    <span>{t!(i18n, agenda.time)}</span>
                    {(1..=bays)
                        .map(|number| view! { <span>{t!(i18n, agenda.bay, number = number)}</span> })
                        .collect_view()}
                </div>
                {rows
                    .into_iter()
                    .map(|row| view! { <DayRow row bays fresh dialog on_changed /> })
                    .collect_view()}
            </div>
        }
        .into_any()
    }
}

/// One slot of the day: its time and free bays, then each bay's appointment (or nothing), then
/// the cancelled ones.
#[component]
fn DayRow(
    row: Row,
    bays: usize,
    fresh: RwSignal<Vec<String>>,
    dialog: RwSignal<AgendaDialog>,
    on_changed: Callback<Appointment>,
) -> impl IntoView {
    let i18n = use_i18n();
    let card = move |appointment: Appointment| {
        let id = appointment.id.clone();
        let is_fresh = Signal::derive(move || fresh.with(|fresh| fresh.contains(&id)));
        view! { <AppointmentCard appointment fresh=is_fresh dialog on_changed /> }
    };
    let Row { start, mut placed, cancelled, free } = row;
    let cells = (0..bays)
        .map(|bay| match placed.iter().position(|(held, _)| *held == bay) {
            Some(at) => {
                let (_, appointment) = placed.swap_remove(at);
                view! { <div class="agenda-day__cell">{card(appointment)}</div> }.into_any()
            }
            None => view! { <div class="agenda-day__cell agenda-day__cell--empty"></div> }.into_any(),
        })
        .collect_view();
    view! {
        <div class="agenda-day__row" data-test="agenda-row">
            <div class="agenda-day__time">
                <strong>{clock(start)}</strong>
                {(free > 0)
                    .then(|| view! { <small class="muted">{t!(i18n, agenda.free_bays, count = free)}</small> })}
            </div>
            {cells}
            {(!cancelled.is_empty())
                .then(|| {
                    view! {
                        <div class="agenda-day__cancelled">{cancelled.into_iter().map(card).collect_view()}</div>
                    }
                })}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::scheduling::AppointmentStatus;

    const HOUR: f64 = 3_600_000.0;

    fn appointment(id: &str, start: f64, hours: f64, status: AppointmentStatus) -> Appointment {
        Appointment {
            id: id.to_owned(),
            status,
            starts_at: String::new(),
            start,
            end: start + hours * HOUR,
            notes: None,
            marked_by: None,
            can_cancel: true,
            customer_id: "1".to_owned(),
            customer_name: "Maria".to_owned(),
            plate: "ABC-1234".to_owned(),
            vehicle: "Fiat Uno".to_owned(),
        }
    }

    fn slot(start: f64, free_bays: i64) -> FreeSlot {
        FreeSlot { starts_at: String::new(), start, free_bays }
    }

    fn bays_of(row: &Row) -> Vec<(usize, &str)> {
        row.placed.iter().map(|(bay, appointment)| (*bay, appointment.id.as_str())).collect()
    }

    #[test]
    fn appointments_take_the_first_free_bay_in_start_order() {
        use AppointmentStatus::{Booked, Cancelled};
        let list = [
            appointment("a", 0.0, 2.0, Booked),
            appointment("b", 0.0, 1.0, Booked),
            appointment("c", HOUR, 1.0, Booked),
            appointment("x", HOUR, 1.0, Cancelled),
            appointment("d", 2.0 * HOUR, 1.0, Booked),
        ];
        let (bays, rows) = lay_out(&list, &[slot(2.0 * HOUR, 1), slot(3.0 * HOUR, 2)]);
        assert_eq!(bays, 2);
        assert_eq!(rows.iter().map(|row| row.start).collect::<Vec<_>>(), [0.0, HOUR, 2.0 * HOUR, 3.0 * HOUR]);
        assert_eq!(bays_of(&rows[0]), [(0, "a"), (1, "b")]);
        // "a" still holds bay 0 at 1 h: "c" goes to bay 1; the cancelled one takes none.
        assert_eq!(bays_of(&rows[1]), [(1, "c")]);
        assert_eq!(rows[1].cancelled.len(), 1);
        assert_eq!(bays_of(&rows[2]), [(0, "d")]);
        assert_eq!((rows[2].free, rows[3].free), (1, 2));
        assert!(rows[3].placed.is_empty());
    }

    #[test]
    fn the_free_bays_of_a_slot_count_as_bays() {
        let (bays, rows) = lay_out(&[], &[slot(0.0, 3)]);
        assert_eq!((bays, rows.len()), (3, 1));
        assert_eq!(lay_out(&[], &[]), (1, Vec::new()));
    }
}
