//! The slots of a local day: pure functions of the calendar, the day, the current instant and
//! the appointments that overlap the day, so the rules are tested without a database.
//!
//! Slots are laid out in local time from each opening range's start, one slot length apart, each
//! ending within its range. A local time that does not exist (the hour skipped when clocks jump
//! forward) has no slot; an ambiguous one (the hour repeated when they fall back) takes its
//! earlier instant. A slot lasts the slot length in real time.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, TimeZone, Utc};

use super::calendar::Calendar;

/// A slot of the calendar with the bays still free in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slot {
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    /// 0 when full.
    pub free_bays: i32,
}

/// Every slot of the local `date`, by start, whatever is booked: none on a closed date or a day
/// without opening hours.
pub fn day_grid(calendar: &Calendar, date: NaiveDate) -> Vec<(DateTime<Utc>, DateTime<Utc>)> {
    if calendar.is_closed(date) {
        return Vec::new();
    }
    let weekday = date.weekday().number_from_monday();
    let length = Duration::minutes(calendar.slot_minutes.into());
    let step = calendar.slot_minutes.max(1) as u32;
    let mut grid = Vec::new();
    for range in calendar.opening_hours.iter().filter(|r| r.weekday == weekday) {
        let mut start = range.opens;
        while start + step <= range.closes {
            let local =
                NaiveTime::from_num_seconds_from_midnight_opt(start * 60, 0).map(|t| date.and_time(t));
            if let Some(starts_at) = local.and_then(|l| calendar.time_zone.from_local_datetime(&l).earliest())
            {
                let starts_at = starts_at.with_timezone(&Utc);
                grid.push((starts_at, starts_at + length));
            }
            start += step;
        }
    }
    grid.sort();
    grid
}

/// The slots of the local `date` a booking may take: after `now`, with fewer of `busy` (the
/// start and end of the appointments that take a bay) overlapping them than the calendar has bays.
pub fn available_slots(
    calendar: &Calendar,
    date: NaiveDate,
    now: DateTime<Utc>,
    busy: &[(DateTime<Utc>, DateTime<Utc>)],
) -> Vec<Slot> {
    day_grid(calendar, date)
        .into_iter()
        .filter(|(starts_at, _)| *starts_at > now)
        .map(|(starts_at, ends_at)| Slot {
            starts_at,
            ends_at,
            free_bays: free_bays(calendar, starts_at, ends_at, busy),
        })
        .filter(|slot| slot.free_bays > 0)
        .collect()
}

/// The bays of `calendar` that none of `busy` takes during [starts_at, ends_at).
pub fn free_bays(
    calendar: &Calendar,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    busy: &[(DateTime<Utc>, DateTime<Utc>)],
) -> i32 {
    let taken = busy.iter().filter(|(s, e)| *s < ends_at && *e > starts_at).count();
    (calendar.bays - i32::try_from(taken).unwrap_or(i32::MAX)).max(0)
}

/// The UTC instants a local `date` of `calendar` spans: from its midnight to the next one (each
/// the earliest instant of that local time, or, if midnight does not exist, of the hour after).
pub fn day_bounds(calendar: &Calendar, date: NaiveDate) -> (DateTime<Utc>, DateTime<Utc>) {
    let midnight = |d: NaiveDate| {
        let zone = calendar.time_zone;
        let start = d.and_time(NaiveTime::MIN);
        zone.from_local_datetime(&start)
            .earliest()
            .or_else(|| zone.from_local_datetime(&(start + Duration::hours(1))).earliest())
            .map_or_else(|| start.and_utc(), |t| t.with_timezone(&Utc))
    };
    (midnight(date), midnight(date.succ_opt().unwrap_or(date)))
}

#[cfg(test)]
mod tests {
    use chrono_tz::America;

    use super::*;
    use crate::scheduling::OpeningRange;

    fn utc(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text).unwrap().with_timezone(&Utc)
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn starts(slots: &[Slot]) -> Vec<String> {
        slots.iter().map(|s| s.starts_at.format("%H:%M").to_string()).collect()
    }

    const LONG_AGO: &str = "2000-01-01T00:00:00Z";

    #[test]
    fn split_hours_leave_the_lunch_break_out() {
        // Wednesday 2 December 2026 in São Paulo (UTC−3): 08–12 and 13–18 local.
        let calendar = Calendar::default();
        let slots = available_slots(&calendar, date(2026, 12, 2), utc(LONG_AGO), &[]);
        assert_eq!(
            starts(&slots),
            ["11:00", "12:00", "13:00", "14:00", "16:00", "17:00", "18:00", "19:00", "20:00"],
            "UTC starts of 08..11 and 13..17 local"
        );
        assert!(slots.iter().all(|s| s.free_bays == 2 && s.ends_at - s.starts_at == Duration::hours(1)));
        assert!(available_slots(&calendar, date(2026, 12, 6), utc(LONG_AGO), &[]).is_empty(), "Sunday");
        assert_eq!(
            available_slots(&calendar, date(2026, 12, 5), utc(LONG_AGO), &[]).len(),
            4,
            "Saturday morning"
        );
    }

    #[test]
    fn a_range_ends_with_the_last_whole_slot() {
        let calendar = Calendar {
            slot_minutes: 45,
            opening_hours: vec![OpeningRange { weekday: 3, opens: 8 * 60, closes: 10 * 60 }],
            ..Calendar::default()
        };
        let slots = available_slots(&calendar, date(2026, 12, 2), utc(LONG_AGO), &[]);
        assert_eq!(starts(&slots), ["11:00", "11:45"], "08:00 and 08:45; 09:30 would end after 10:00");
    }

    #[test]
    fn closed_dates_have_no_slots() {
        let calendar = Calendar { closed_dates: vec![date(2026, 12, 2)], ..Calendar::default() };
        assert!(available_slots(&calendar, date(2026, 12, 2), utc(LONG_AGO), &[]).is_empty());
        assert_eq!(available_slots(&calendar, date(2026, 12, 3), utc(LONG_AGO), &[]).len(), 9);
    }

    #[test]
    fn past_slots_and_full_slots_are_left_out() {
        let calendar = Calendar::default();
        let now = utc("2026-12-02T13:30:00Z");
        let busy = [
            (utc("2026-12-02T16:00:00Z"), utc("2026-12-02T17:00:00Z")),
            (utc("2026-12-02T16:00:00Z"), utc("2026-12-02T17:00:00Z")),
            (utc("2026-12-02T17:00:00Z"), utc("2026-12-02T18:00:00Z")),
        ];
        let slots = available_slots(&calendar, date(2026, 12, 2), now, &busy);
        assert_eq!(starts(&slots), ["14:00", "17:00", "18:00", "19:00", "20:00"]);
        assert_eq!(slots[1].free_bays, 1, "one of two bays taken at 14:00 local");
        assert_eq!(slots[0].free_bays, 2);
    }

    #[test]
    fn a_day_whose_midnight_did_not_exist_in_sao_paulo() {
        // 4 November 2018: São Paulo's clocks jumped from 00:00 to 01:00 (UTC−3 → UTC−2).
        let calendar = Calendar {
            opening_hours: vec![OpeningRange { weekday: 7, opens: 0, closes: 3 * 60 }],
            ..Calendar::default()
        };
        let slots = available_slots(&calendar, date(2018, 11, 4), utc(LONG_AGO), &[]);
        assert_eq!(starts(&slots), ["03:00", "04:00"], "00:00 does not exist; 01:00 and 02:00 at UTC−2");
        let (from, to) = day_bounds(&calendar, date(2018, 11, 4));
        assert_eq!((from, to), (utc("2018-11-04T03:00:00Z"), utc("2018-11-05T02:00:00Z")));
    }

    #[test]
    fn a_range_across_the_skipped_hour_in_new_york() {
        // 8 March 2026: New York's clocks jumped from 02:00 to 03:00 (UTC−5 → UTC−4).
        let calendar = Calendar {
            time_zone: America::New_York,
            opening_hours: vec![OpeningRange { weekday: 7, opens: 60, closes: 4 * 60 }],
            ..Calendar::default()
        };
        let slots = available_slots(&calendar, date(2026, 3, 8), utc(LONG_AGO), &[]);
        assert_eq!(starts(&slots), ["06:00", "07:00"], "01:00 EST and 03:00 EDT; 02:00 does not exist");
    }

    #[test]
    fn an_ambiguous_time_takes_the_earlier_instant() {
        // 1 November 2026: New York's 01:00–02:00 happens twice (EDT, then EST).
        let calendar = Calendar {
            time_zone: America::New_York,
            opening_hours: vec![OpeningRange { weekday: 7, opens: 60, closes: 2 * 60 }],
            ..Calendar::default()
        };
        let slots = available_slots(&calendar, date(2026, 11, 1), utc(LONG_AGO), &[]);
        assert_eq!(starts(&slots), ["05:00"], "01:00 EDT");
    }
}
