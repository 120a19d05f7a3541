//! NPS (pesquisa de satisfação): the survey a customer answers on their phone, signed in
//! (`/cliente/avaliar/:orderId`, `portal_survey`) or from the e-mailed link (`/avaliar/:token`,
//! `link_survey`), both with the form of `survey_form`; the portal's pending surveys (`pending`);
//! the ADMIN's report with its chart and review link (`/painel/nps`: `report`, `chart`,
//! `settings`) and the dashboard's recent detractors (`detractors`).

mod chart;
mod detractors;
mod link_survey;
mod pending;
mod portal_survey;
mod report;
mod settings;
mod survey_form;

pub use detractors::RecentDetractors;
pub use link_survey::NpsLinkPage;
pub use pending::PendingSurveys;
pub use portal_survey::NpsPortalPage;
pub use report::NpsReportPage;

/// The band of a score: `detractor` (0–6), `passive` (7–8) or `promoter` (9–10), as in the CSS
/// classes that colour it.
fn band(score: i64) -> &'static str {
    match score {
        9.. => "promoter",
        7 | 8 => "passive",
        _ => "detractor",
    }
}

/// An NPS as shown: `+42`, `-10`, `0`, or `—` without answers.
fn show_nps(nps: Option<i64>) -> String {
    match nps {
        Some(n) if n > 0 => format!("+{n}"),
        Some(n) => n.to_string(),
        None => "—".to_owned(),
    }
}

/// How an NPS reads, for its colour: `promoter` from +50, `passive` from 0, else `detractor`.
fn nps_band(nps: Option<i64>) -> &'static str {
    match nps {
        Some(50..) => "promoter",
        Some(0..) | None => "passive",
        Some(_) => "detractor",
    }
}

/// A local date of the browser's zone as `YYYY-MM-DD` (the schema's `Date`).
fn date_of(date: &js_sys::Date) -> String {
    format!("{:04}-{:02}-{:02}", date.get_full_year(), date.get_month() + 1, date.get_date())
}

/// Today in the browser's zone.
fn today() -> String {
    date_of(&js_sys::Date::new_0())
}

/// The day `days` before today.
fn days_ago(days: i32) -> String {
    let now = js_sys::Date::new_0();
    date_of(&js_sys::Date::new_with_year_month_day(
        now.get_full_year(),
        now.get_month() as i32,
        now.get_date() as i32 - days,
    ))
}

/// The first day of the month `months` before this one.
fn months_ago(months: i32) -> String {
    let now = js_sys::Date::new_0();
    date_of(&js_sys::Date::new_with_year_month_day(now.get_full_year(), now.get_month() as i32 - months, 1))
}
