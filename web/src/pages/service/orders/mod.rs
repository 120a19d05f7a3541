//! The staff's service order screens: the live board by status (`board`), a new order by plate or
//! for a customer's vehicle (`new`), and the order's page (`detail`) with its items and totals
//! (`items`), the finish and cancel dialogs (`dialogs`), the installments and the timeline
//! (`payment`), the summary sent on WhatsApp (`share`) and the link to the order's live status
//! (`status_link`).

mod board;
mod detail;
mod dialogs;
mod header;
mod items;
mod new;
mod payment;
mod share;
mod status_link;

use leptos::prelude::*;

pub use board::ServiceOrdersPage;
pub use detail::ServiceOrderPage;
pub use new::{NewServiceOrderPage, new_order_href};

use crate::api::{Role, Session};

/// The path of the board.
const BOARD_PATH: &str = "/painel/ordens";

/// The path of an order's page.
pub fn order_path(id: &str) -> String {
    format!("{BOARD_PATH}/{id}")
}

/// The signed-in person's role, once known.
fn role() -> Option<Role> {
    use_context::<Session>().and_then(Session::user).map(|user| user.role)
}

/// Whether the signed-in person is at the front desk (ADMIN, OPERATOR): they create orders,
/// change items, cancel and take payments; a MECHANIC starts and finishes their own orders.
fn front_desk() -> bool {
    matches!(role(), Some(Role::Admin | Role::Operator))
}

/// Today in the browser's time zone, `YYYY-MM-DD`.
fn today() -> String {
    let now = js_sys::Date::new_0();
    format!("{:04}-{:02}-{:02}", now.get_full_year(), now.get_month() + 1, now.get_date())
}

/// The instant today began in the browser's time zone, as a `DateTime` (UTC).
fn start_of_today() -> String {
    let now = js_sys::Date::new_0();
    let midnight = js_sys::Date::new_with_year_month_day(
        now.get_full_year(),
        now.get_month() as i32,
        now.get_date() as i32,
    );
    String::from(midnight.to_iso_string())
}

/// The milliseconds since the epoch of a `DateTime`, if it reads as one.
fn instant(text: &str) -> Option<f64> {
    let millis = js_sys::Date::parse(text);
    (!millis.is_nan()).then_some(millis)
}
