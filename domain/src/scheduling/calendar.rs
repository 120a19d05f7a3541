//! The workshop's calendar: opening hours per weekday (possibly split), slot length, bays, closed
//! dates, the reminder's lead time and the IANA time zone its local times are in.

use chrono::{NaiveDate, Utc};
use chrono_tz::Tz;
use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use serde::{Deserialize, Serialize};

use super::events::{CALENDAR_UPDATED, CalendarSnapshot};
use super::reminders::move_queued_reminders;
use crate::audit::{Actor, Committed, NewEvent, changes};
use crate::db::Conn;
use crate::error::DomainError;
use crate::message::Message;
use crate::schema::{calendar_settings, closed_dates};

/// Slot lengths allowed, in minutes.
pub const SLOT_MINUTES: std::ops::RangeInclusive<i32> = 15..=240;
/// Bays (appointments in parallel) allowed.
pub const BAYS: std::ops::RangeInclusive<i32> = 1..=50;
/// Reminder lead times allowed, in hours.
pub const REMINDER_HOURS: std::ops::RangeInclusive<i32> = 1..=168;
/// Closed dates a calendar holds at most.
pub const CLOSED_DATES_MAX: usize = 366;

/// One opening range of a weekday, in minutes after local midnight.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct OpeningRange {
    /// 1 = Monday … 7 = Sunday.
    pub weekday: u32,
    pub opens: u32,
    pub closes: u32,
}

/// How an opening range is stored (in the JSON column) and typed: local `HH:MM`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpeningRangeInput {
    pub weekday: i32,
    pub opens: String,
    pub closes: String,
}

/// A whole calendar as the ADMIN sends it: it replaces the stored one.
#[derive(Debug, Clone)]
pub struct CalendarInput {
    pub time_zone: String,
    pub slot_minutes: i32,
    pub bays: i32,
    pub opening_hours: Vec<OpeningRangeInput>,
    pub closed_dates: Vec<NaiveDate>,
    /// `None` keeps the current value.
    pub reminder_hours: Option<i32>,
}

/// A workshop's calendar, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Calendar {
    pub time_zone: Tz,
    pub slot_minutes: i32,
    pub bays: i32,
    pub reminder_hours: i32,
    /// By weekday, then opening time; no two ranges of a weekday overlap.
    pub opening_hours: Vec<OpeningRange>,
    /// Ascending.
    pub closed_dates: Vec<NaiveDate>,
}

impl Default for Calendar {
    /// What a workshop starts with: Monday to Friday 08:00–12:00 and 13:00–18:00, Saturday
    /// 08:00–12:00, 60-minute slots, 2 bays, America/Sao_Paulo, the reminder 24 hours before.
    fn default() -> Self {
        let mut opening_hours = Vec::new();
        for weekday in 1..=5 {
            opening_hours.push(OpeningRange { weekday, opens: 8 * 60, closes: 12 * 60 });
            opening_hours.push(OpeningRange { weekday, opens: 13 * 60, closes: 18 * 60 });
        }
        opening_hours.push(OpeningRange { weekday: 6, opens: 8 * 60, closes: 12 * 60 });
        Calendar {
            time_zone: chrono_tz::America::Sao_Paulo,
            slot_minutes: 60,
            bays: 2,
            reminder_hours: 24,
            opening_hours,
            closed_dates: Vec::new(),
        }
    }
}

/// `HH:MM` of minutes after midnight.
pub fn format_hhmm(minutes: u32) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// Minutes after midnight of a local `HH:MM` (or `H:MM`), `00:00` to `24:00`.
fn parse_hhmm(text: &str) -> Option<u32> {
    let (hours, minutes) = text.trim().split_once(':')?;
    if hours.is_empty() || hours.len() > 2 || minutes.len() != 2 {
        return None;
    }
    let (hours, minutes): (u32, u32) = (hours.parse().ok()?, minutes.parse().ok()?);
    let total = hours * 60 + minutes;
    (minutes < 60 && total <= 24 * 60).then_some(total)
}

fn out_of_range(range: &std::ops::RangeInclusive<i32>, what_pt: &str, what_en: &str) -> Message {
    Message::owned(
        format!("{what_pt}: de {} a {}.", range.start(), range.end()),
        format!("{what_en}: from {} to {}.", range.start(), range.end()),
    )
}

fn check_range(
    value: i32,
    range: std::ops::RangeInclusive<i32>,
    field: &str,
    pt: &str,
    en: &str,
) -> Result<(), DomainError> {
    if range.contains(&value) {
        Ok(())
    } else {
        Err(DomainError::invalid(field, out_of_range(&range, pt, en)))
    }
}

impl CalendarInput {
    /// Checks every field; the error names the first wrong one by its path in the input
    /// (`openingHours[2].closes`).
    pub fn validate(&self, current_reminder_hours: i32) -> Result<Calendar, DomainError> {
        let time_zone: Tz = self.time_zone.trim().parse().map_err(|_| {
            DomainError::invalid(
                "timeZone",
                Message::new(
                    "Fuso horário desconhecido: use um nome IANA, como America/Sao_Paulo.",
                    "Unknown time zone: use an IANA name such as America/Sao_Paulo.",
                ),
            )
        })?;
        check_range(
            self.slot_minutes,
            SLOT_MINUTES,
            "slotMinutes",
            "Duração do horário em minutos",
            "Slot length in minutes",
        )?;
        check_range(self.bays, BAYS, "bays", "Atendimentos simultâneos", "Appointments in parallel")?;
        let reminder_hours = self.reminder_hours.unwrap_or(current_reminder_hours);
        check_range(
            reminder_hours,
            REMINDER_HOURS,
            "reminderHours",
            "Horas de antecedência do lembrete",
            "Reminder hours before",
        )?;
        let mut ranges: Vec<(usize, OpeningRange)> = Vec::with_capacity(self.opening_hours.len());
        for (i, range) in self.opening_hours.iter().enumerate() {
            let at = |field: &str| format!("openingHours[{i}].{field}");
            if !(1..=7).contains(&range.weekday) {
                return Err(DomainError::invalid(
                    at("weekday"),
                    Message::new(
                        "Dia da semana de 1 (segunda) a 7 (domingo).",
                        "Weekday from 1 (Monday) to 7 (Sunday).",
                    ),
                ));
            }
            let time = |text: &str, field: &str| {
                parse_hhmm(text).ok_or_else(|| {
                    DomainError::invalid(
                        at(field),
                        Message::new("Use um horário HH:MM, como 08:30.", "Use a time HH:MM, such as 08:30."),
                    )
                })
            };
            let (opens, closes) = (time(&range.opens, "opens")?, time(&range.closes, "closes")?);
            if closes <= opens {
                return Err(DomainError::invalid(
                    at("closes"),
                    Message::new(
                        "O fechamento deve ser depois da abertura.",
                        "Closing must come after opening.",
                    ),
                ));
            }
            ranges.push((i, OpeningRange { weekday: range.weekday as u32, opens, closes }));
        }
        ranges.sort_by_key(|(_, r)| *r);
        for pair in ranges.windows(2) {
            let ((_, earlier), (i, later)) = (pair[0], pair[1]);
            if earlier.weekday == later.weekday && later.opens < earlier.closes {
                return Err(DomainError::invalid(
                    format!("openingHours[{i}].opens"),
                    Message::owned(
                        format!(
                            "Este horário se sobrepõe a outro do mesmo dia ({}–{}).",
                            format_hhmm(earlier.opens),
                            format_hhmm(earlier.closes)
                        ),
                        format!(
                            "This range overlaps another of the same day ({}–{}).",
                            format_hhmm(earlier.opens),
                            format_hhmm(earlier.closes)
                        ),
                    ),
                ));
            }
        }
        if self.closed_dates.len() > CLOSED_DATES_MAX {
            return Err(DomainError::invalid(
                "closedDates",
                Message::owned(
                    format!("No máximo {CLOSED_DATES_MAX} datas fechadas."),
                    format!("At most {CLOSED_DATES_MAX} closed dates."),
                ),
            ));
        }
        let mut closed_dates = self.closed_dates.clone();
        closed_dates.sort();
        closed_dates.dedup();
        Ok(Calendar {
            time_zone,
            slot_minutes: self.slot_minutes,
            bays: self.bays,
            reminder_hours,
            opening_hours: ranges.into_iter().map(|(_, r)| r).collect(),
            closed_dates,
        })
    }
}

#[derive(Queryable)]
struct SettingsRow {
    time_zone: String,
    slot_minutes: i32,
    bays: i32,
    reminder_hours: i32,
    opening_hours: String,
}

impl Calendar {
    /// The stored opening ranges as they are typed and stored.
    pub fn opening_inputs(&self) -> Vec<OpeningRangeInput> {
        self.opening_hours
            .iter()
            .map(|r| OpeningRangeInput {
                weekday: r.weekday as i32,
                opens: format_hhmm(r.opens),
                closes: format_hhmm(r.closes),
            })
            .collect()
    }

    /// Whether the workshop is closed on `date` (a holiday).
    pub fn is_closed(&self, date: NaiveDate) -> bool {
        self.closed_dates.binary_search(&date).is_ok()
    }

    /// The calendar of `workshop_id` (every workshop has one from sign-up).
    pub async fn load(conn: &mut Conn<'_>, workshop_id: i64) -> Result<Calendar, DomainError> {
        let row: SettingsRow = crate::run!(conn, |c| {
            calendar_settings::table
                .find(workshop_id)
                .select((
                    calendar_settings::time_zone,
                    calendar_settings::slot_minutes,
                    calendar_settings::bays,
                    calendar_settings::reminder_hours,
                    calendar_settings::opening_hours,
                ))
                .first(c)
                .await
        })?;
        let closed_dates: Vec<NaiveDate> = crate::run!(conn, |c| {
            closed_dates::table
                .filter(closed_dates::workshop_id.eq(workshop_id))
                .order(closed_dates::date)
                .select(closed_dates::date)
                .load(c)
                .await
        })?;
        let time_zone: Tz = row
            .time_zone
            .parse()
            .map_err(|e| DomainError::unparsable("calendar_settings", "time_zone", &row.time_zone, e))?;
        let inputs: Vec<OpeningRangeInput> = serde_json::from_str(&row.opening_hours).map_err(|e| {
            DomainError::unparsable("calendar_settings", "opening_hours", &row.opening_hours, e)
        })?;
        let mut opening_hours = Vec::with_capacity(inputs.len());
        for input in &inputs {
            let range = (|| {
                Some(OpeningRange {
                    weekday: u32::try_from(input.weekday).ok().filter(|d| (1..=7).contains(d))?,
                    opens: parse_hhmm(&input.opens)?,
                    closes: parse_hhmm(&input.closes)?,
                })
            })()
            .ok_or_else(|| {
                DomainError::unparsable(
                    "calendar_settings",
                    "opening_hours",
                    &row.opening_hours,
                    "a range does not parse",
                )
            })?;
            opening_hours.push(range);
        }
        opening_hours.sort();
        Ok(Calendar {
            time_zone,
            slot_minutes: row.slot_minutes,
            bays: row.bays,
            reminder_hours: row.reminder_hours,
            opening_hours,
            closed_dates,
        })
    }

    /// Gives a new workshop the default calendar; call it in the sign-up transaction.
    pub(crate) async fn insert_default(conn: &mut Conn<'_>, workshop_id: i64) -> QueryResult<()> {
        let calendar = Calendar::default();
        let hours = serde_json::to_string(&calendar.opening_inputs()).expect("opening hours serialize");
        crate::run!(conn, |c| {
            diesel::insert_into(calendar_settings::table)
                .values((
                    calendar_settings::workshop_id.eq(workshop_id),
                    calendar_settings::time_zone.eq(calendar.time_zone.name()),
                    calendar_settings::slot_minutes.eq(calendar.slot_minutes),
                    calendar_settings::bays.eq(calendar.bays),
                    calendar_settings::reminder_hours.eq(calendar.reminder_hours),
                    calendar_settings::opening_hours.eq(&hours),
                    calendar_settings::updated_at.eq(Utc::now().naive_utc()),
                ))
                .execute(c)
                .await
        })?;
        Ok(())
    }

    /// Takes the workshop's booking lock until the transaction ends: on PostgreSQL a row lock on
    /// its calendar (an update that changes nothing), so bookings of one workshop run one at a
    /// time; SQLite's write transaction (`BEGIN IMMEDIATE`) holds the database's only write lock
    /// already, and the same statement costs nothing there.
    pub(crate) async fn lock(conn: &mut Conn<'_>, workshop_id: i64) -> QueryResult<()> {
        crate::run!(conn, |c| {
            diesel::update(calendar_settings::table.find(workshop_id))
                .set(calendar_settings::updated_at.eq(calendar_settings::updated_at))
                .execute(c)
                .await
        })?;
        Ok(())
    }

    /// Replaces the workshop's calendar (ADMIN).
    pub async fn update(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        actor: &Actor,
        input: CalendarInput,
    ) -> Result<Committed<Calendar>, DomainError> {
        let actor = actor.clone();
        Committed::run(conn, move |tx| {
            Box::pin(async move {
                Calendar::lock(tx, workshop_id).await?;
                let before = Calendar::load(tx, workshop_id).await?;
                let after = input.validate(before.reminder_hours)?;
                let hours = serde_json::to_string(&after.opening_inputs()).expect("opening hours serialize");
                crate::run!(tx, |c| {
                    diesel::update(calendar_settings::table.find(workshop_id))
                        .set((
                            calendar_settings::time_zone.eq(after.time_zone.name()),
                            calendar_settings::slot_minutes.eq(after.slot_minutes),
                            calendar_settings::bays.eq(after.bays),
                            calendar_settings::reminder_hours.eq(after.reminder_hours),
                            calendar_settings::opening_hours.eq(&hours),
                            calendar_settings::updated_at.eq(Utc::now().naive_utc()),
                        ))
                        .execute(c)
                        .await
                })?;
                crate::run!(tx, |c| {
                    diesel::delete(closed_dates::table.filter(closed_dates::workshop_id.eq(workshop_id)))
                        .execute(c)
                        .await
                })?;
                // One statement a date: SQLite takes no multi-row insert of these tuples.
                for date in &after.closed_dates {
                    let row = (closed_dates::workshop_id.eq(workshop_id), closed_dates::date.eq(*date));
                    crate::run!(tx, |c| diesel::insert_into(closed_dates::table)
                        .values(row)
                        .execute(c)
                        .await)?;
                }
                if after.reminder_hours != before.reminder_hours {
                    move_queued_reminders(tx, workshop_id, after.reminder_hours).await?;
                }
                let diff = changes(&CalendarSnapshot::from(&before), &CalendarSnapshot::from(&after));
                let event = NewEvent::new(CALENDAR_UPDATED, workshop_id, workshop_id).by(&actor).with(&diff);
                Ok((after, vec![event]))
            })
        })
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(hours: &[(i32, &str, &str)]) -> CalendarInput {
        CalendarInput {
            time_zone: "America/Sao_Paulo".into(),
            slot_minutes: 60,
            bays: 2,
            opening_hours: hours
                .iter()
                .map(|(weekday, opens, closes)| OpeningRangeInput {
                    weekday: *weekday,
                    opens: (*opens).into(),
                    closes: (*closes).into(),
                })
                .collect(),
            closed_dates: Vec::new(),
            reminder_hours: None,
        }
    }

    fn field(result: Result<Calendar, DomainError>) -> String {
        match result {
            Err(DomainError::Invalid(e)) => e.field,
            other => panic!("expected an input error, got {other:?}"),
        }
    }

    #[test]
    fn split_hours_are_sorted_and_kept() {
        let calendar = input(&[(1, "13:30", "18:00"), (1, "08:00", "12:00")]).validate(24).unwrap();
        assert_eq!(
            calendar.opening_hours,
            vec![
                OpeningRange { weekday: 1, opens: 480, closes: 720 },
                OpeningRange { weekday: 1, opens: 810, closes: 1080 }
            ]
        );
        assert_eq!(calendar.reminder_hours, 24, "an omitted reminder keeps the current one");
        assert_eq!(calendar.opening_inputs()[1].opens, "13:30");
    }

    #[test]
    fn bad_hours_name_their_field() {
        assert_eq!(
            field(input(&[(1, "08:00", "12:00"), (2, "12:00", "08:00")]).validate(24)),
            "openingHours[1].closes"
        );
        assert_eq!(
            field(input(&[(1, "08:00", "12:00"), (1, "11:00", "13:00")]).validate(24)),
            "openingHours[1].opens"
        );
        assert_eq!(field(input(&[(8, "08:00", "12:00")]).validate(24)), "openingHours[0].weekday");
        assert_eq!(field(input(&[(1, "8h", "12:00")]).validate(24)), "openingHours[0].opens");
        assert_eq!(field(input(&[(1, "08:00", "24:01")]).validate(24)), "openingHours[0].closes");
        let mut zone = input(&[]);
        zone.time_zone = "America/Atlantida".into();
        assert_eq!(field(zone.validate(24)), "timeZone");
        let mut slot = input(&[]);
        slot.slot_minutes = 10;
        assert_eq!(field(slot.validate(24)), "slotMinutes");
        let mut bays = input(&[]);
        bays.bays = 51;
        assert_eq!(field(bays.validate(24)), "bays");
        let mut reminder = input(&[]);
        reminder.reminder_hours = Some(169);
        assert_eq!(field(reminder.validate(24)), "reminderHours");
        let mut closed = input(&[]);
        closed.closed_dates =
            (0..367).map(|d| NaiveDate::from_ymd_opt(2027, 1, 1).unwrap() + chrono::Days::new(d)).collect();
        assert_eq!(field(closed.validate(24)), "closedDates");
    }

    #[test]
    fn the_default_calendar_round_trips_through_its_inputs() {
        let default = Calendar::default();
        let again = CalendarInput {
            time_zone: default.time_zone.name().into(),
            slot_minutes: default.slot_minutes,
            bays: default.bays,
            opening_hours: default.opening_inputs(),
            closed_dates: Vec::new(),
            reminder_hours: Some(default.reminder_hours),
        }
        .validate(1)
        .unwrap();
        assert_eq!(again, default);
        assert_eq!(default.opening_hours.len(), 11);
    }
}
