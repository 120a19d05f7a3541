//! An order's lines as the customer reads them: "2 × Filtro de óleo" and the line's total.

use leptos::prelude::*;

use crate::format::{show_money, show_quantity};

/// One line: quantity, description and total in centavos.
pub(super) struct Line {
    pub quantity: f64,
    pub description: String,
    pub total_cents: i64,
}

/// The lines, one per row.
#[component]
pub(super) fn ItemLines(
    lines: Vec<Line>,
    /// The list's `data-test`.
    #[prop(optional)]
    test: &'static str,
) -> impl IntoView {
    view! {
        <ul class="status-items" data-test=test>
            {lines
                .into_iter()
                .map(|line| {
                    view! {
                        <li class="status-items__row">
                            <span>{format!("{} × {}", show_quantity(line.quantity), line.description)}</span>
                            <span>{show_money(line.total_cents)}</span>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}
