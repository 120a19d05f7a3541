//! The score over time: an inline SVG line chart drawn by the app (no chart library, no CDN),
//! one point per month with answers on a −100 to +100 scale, with the zero line.

use leptos::prelude::*;

use super::show_nps;
use crate::i18n::{t, t_string, use_i18n};

/// The drawing's size in SVG units (it scales to the card's width).
const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 240.0;
/// Room for the labels: left (the scale), bottom (the months), and around.
const LEFT: f64 = 40.0;
const BOTTOM: f64 = 28.0;
const PAD: f64 = 12.0;

/// A month of the chart: its first day (`YYYY-MM-DD`), its NPS (none without answers) and how
/// many answers.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct ChartMonth {
    pub month: String,
    pub nps: Option<i64>,
    pub responses: i64,
}

/// The x of the `i`-th of `count` months.
fn x(i: usize, count: usize) -> f64 {
    let span = WIDTH - LEFT - 2.0 * PAD;
    if count <= 1 { LEFT + PAD + span / 2.0 } else { LEFT + PAD + span * i as f64 / (count - 1) as f64 }
}

/// The y of an NPS (−100 at the bottom, +100 at the top).
fn y(nps: i64) -> f64 {
    let top = PAD;
    let bottom = HEIGHT - BOTTOM;
    bottom - (nps.clamp(-100, 100) + 100) as f64 / 200.0 * (bottom - top)
}

/// A coordinate as an SVG attribute.
fn at(value: f64) -> String {
    format!("{value:.1}")
}

/// `MM/AA` of a month's first day.
fn month_label(month: &str) -> String {
    match (month.get(2..4), month.get(5..7)) {
        (Some(year), Some(month)) => format!("{month}/{year}"),
        _ => month.to_owned(),
    }
}

/// The polylines of the months with answers: a month without answers breaks the line.
fn segments(months: &[ChartMonth]) -> Vec<String> {
    let count = months.len();
    let mut lines = Vec::new();
    let mut current: Vec<String> = Vec::new();
    for (i, month) in months.iter().enumerate() {
        match month.nps {
            Some(nps) => current.push(format!("{},{}", at(x(i, count)), at(y(nps)))),
            None if !current.is_empty() => lines.push(std::mem::take(&mut current).join(" ")),
            None => {}
        }
    }
    if !current.is_empty() {
        lines.push(current.join(" "));
    }
    lines
}

/// The chart of `months`, oldest first.
#[component]
pub(super) fn ScoreChart(months: Vec<ChartMonth>) -> impl IntoView {
    let i18n = use_i18n();
    let count = months.len();
    // Every month is labelled up to 12; beyond, every other (or third) one.
    let step = count.div_ceil(12).max(1);
    let grid = [100, 50, 0, -50, -100];
    let lines = segments(&months);
    view! {
        <figure class="nps-chart" data-test="nps-chart">
            <svg
                viewBox=format!("0 0 {WIDTH} {HEIGHT}")
                role="img"
                aria-label=move || t_string!(i18n, nps.chart_title)
                preserveAspectRatio="xMidYMid meet"
            >
                {grid
                    .into_iter()
                    .map(|value| {
                        view! {
                            <line
                                class=if value == 0 { "nps-chart__zero" } else { "nps-chart__grid" }
                                x1=at(LEFT)
                                x2=at(WIDTH - PAD)
                                y1=at(y(value))
                                y2=at(y(value))
                            />
                            <text class="nps-chart__scale" x=at(LEFT - 6.0) y=at(y(value) + 4.0) text-anchor="end">
                                {show_nps(Some(value))}
                            </text>
                        }
                    })
                    .collect_view()}
                {lines.into_iter().map(|points| view! { <polyline class="nps-chart__line" points=points /> }).collect_view()}
                {months
                    .iter()
                    .enumerate()
                    .map(|(i, month)| {
                        let label = (i % step == 0).then(|| {
                            view! {
                                <text class="nps-chart__month" x=at(x(i, count)) y=at(HEIGHT - 8.0) text-anchor="middle">
                                    {month_label(&month.month)}
                                </text>
                            }
                        });
                        let point = month.nps.map(|nps| {
                            view! {
                                <circle
                                    class="nps-chart__point"
                                    cx=at(x(i, count))
                                    cy=at(y(nps))
                                    r="4"
                                    data-nps=nps.to_string()
                                    data-responses=month.responses.to_string()
                                />
                            }
                        });
                        view! { {label} {point} }
                    })
                    .collect_view()}
            </svg>
            <figcaption class="muted">{t!(i18n, nps.chart_caption)}</figcaption>
        </figure>
    }
}
