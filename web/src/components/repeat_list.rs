use std::sync::atomic::{AtomicU64, Ordering};

use leptos::prelude::*;

/// A fresh key for a row of a repeated list (rows are told apart by it, not by their place).
fn next_key() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// One row of a repeated list: its key and what it holds (the signals of its inputs).
#[derive(Clone, Copy)]
struct Row<T> {
    key: u64,
    value: T,
}

/// The rows of a repeated list of a form (e-mails, phones, addresses), in their order.
pub struct Rows<T: 'static>(RwSignal<Vec<Row<T>>>);

impl<T> Clone for Rows<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Rows<T> {}

impl<T: Copy + Send + Sync + 'static> Rows<T> {
    /// A list with these rows.
    pub fn new(values: impl IntoIterator<Item = T>) -> Self {
        Self(RwSignal::new(values.into_iter().map(|value| Row { key: next_key(), value }).collect()))
    }

    /// Keeps only the rows for which `keep` is true.
    pub fn retain(self, keep: impl Fn(&T) -> bool) {
        self.0.update(|rows| rows.retain(|row| keep(&row.value)));
    }

    /// What `each` makes of every row, in order (not tracked: for building a request).
    pub fn map_untracked<R>(self, each: impl FnMut(&T) -> R) -> Vec<R> {
        self.0.with_untracked(|rows| rows.iter().map(|row| &row.value).map(each).collect())
    }
}

/// A section of a form (`<fieldset>` with its `legend`) with the rows of a repeated list, each
/// drawn by `row` with its remove button, followed by the button that adds one. Adding or removing a row runs `on_change` (a form forgets an error that
/// names a row by its place: the place may now be another row's).
#[component]
pub fn RepeatList<T, F, V>(
    /// The section's title.
    #[prop(into)]
    legend: ViewFn,
    /// The rows.
    rows: Rows<T>,
    /// Draws a row from its place (0 first), what it holds and its remove button.
    row: F,
    /// What a new row holds.
    new_row: fn() -> T,
    /// The add button's text.
    #[prop(into)]
    add_label: ViewFn,
    /// The add button's `data-test`.
    add_test: &'static str,
    /// The remove buttons' text.
    #[prop(into)]
    remove_label: ViewFn,
    /// The remove buttons' `data-test`.
    remove_test: &'static str,
    /// A remove button's `aria-label`, followed by its row's number ("Remover telefone" 2).
    remove_aria: Signal<String>,
    /// Run after a row is added or removed.
    on_change: Callback<()>,
) -> impl IntoView
where
    T: Copy + Send + Sync + 'static,
    F: Fn(usize, T, AnyView) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let list = rows.0;
    view! {
        <fieldset class="form__section">
            <legend>{legend.run()}</legend>
            {move || {
                list.get()
                    .into_iter()
                    .enumerate()
                    .map(|(place, Row { key, value })| {
                        let remove_label = remove_label.clone();
                        let remove = view! {
                            <button
                                type="button"
                                class="button button--quiet repeat__remove"
                                data-test=remove_test
                                aria-label=move || format!("{} {}", remove_aria.get(), place + 1)
                                on:click=move |_| {
                                    list.update(|rows| rows.retain(|row| row.key != key));
                                    on_change.run(());
                                }
                            >
                                {remove_label.run()}
                            </button>
                        }
                            .into_any();
                        row(place, value, remove)
                    })
                    .collect_view()
            }}
            <button
                type="button"
                class="button button--quiet"
                data-test=add_test
                on:click=move |_| {
                    list.update(|rows| rows.push(Row { key: next_key(), value: new_row() }));
                    on_change.run(());
                }
            >
                {add_label.run()}
            </button>
        </fieldset>
    }
}
