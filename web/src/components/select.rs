use leptos::prelude::*;

use super::form::{FieldError, shows_error};
use crate::api::ApiError;
use crate::api::operations::FormEnum;

/// A labelled `<select>` over text values (e.g. the states the server lists), whose `name` is its
/// GraphQL input path, followed by the error the server gave for that path.
#[component]
pub fn SelectField(
    /// The GraphQL input path without `input.`, used as the select's `name`.
    #[prop(into)]
    name: String,
    /// The label text.
    #[prop(into)]
    label: ViewFn,
    /// The chosen option's value (`""` for the empty option).
    value: RwSignal<String>,
    /// The options: (value, text).
    #[prop(into)]
    options: Signal<Vec<(String, String)>>,
    /// The text of an empty first option (value `""`); without it there is none.
    #[prop(optional, into)]
    empty: Option<Signal<String>>,
    /// The last error of the form's request.
    error: Signal<Option<ApiError>>,
) -> impl IntoView {
    let chosen = Callback::new(move |option: String| value.with(|value| *value == option));
    let choose = Callback::new(move |option: String| value.set(option));
    view! { <Select name label options empty error chosen choose /> }
}

/// A labelled `<select>` over the values of a GraphQL enum (`E::ALL`, each shown by its name in
/// the current language), whose `name` is its GraphQL input path, followed by the error the
/// server gave for that path.
#[component]
pub fn EnumSelect<E: FormEnum>(
    /// The GraphQL input path without `input.`, used as the select's `name`.
    #[prop(into)]
    name: String,
    /// The label text.
    #[prop(into)]
    label: ViewFn,
    /// The chosen value (`None` for the empty option).
    value: RwSignal<Option<E>>,
    /// The name of a value in the current language (`fuel_name`, `role_name`, …).
    text: fn(E) -> &'static str,
    /// The text of an empty first option (no value); without it there is none.
    #[prop(optional, into)]
    empty: Option<Signal<String>>,
    /// The last error of the form's request.
    error: Signal<Option<ApiError>>,
) -> impl IntoView {
    let options = Signal::derive(move || {
        E::ALL.iter().map(|option| (option.as_str().to_owned(), text(*option).to_owned())).collect()
    });
    let chosen = Callback::new(move |option: String| {
        value.with(|value| value.map_or("", |value| value.as_str()) == option)
    });
    let choose = Callback::new(move |option: String| value.set(E::parse(&option)));
    view! { <Select name label options empty error chosen choose /> }
}

/// The markup both selects share; `chosen` tells whether an option's value is the chosen one,
/// `choose` takes the value picked.
#[component]
fn Select(
    name: String,
    label: ViewFn,
    options: Signal<Vec<(String, String)>>,
    empty: Option<Signal<String>>,
    error: Signal<Option<ApiError>>,
    chosen: Callback<String, bool>,
    choose: Callback<String>,
) -> impl IntoView {
    let id = format!("field-{name}");
    let error_id = format!("field-{name}-error");
    let has_error = shows_error(&name, error);
    view! {
        <div class="field" class:field--invalid=has_error>
            <label for=id.clone()>{label.run()}</label>
            <select
                id=id
                name=name.clone()
                aria-invalid=move || has_error.get().to_string()
                aria-describedby=error_id
                on:change=move |event| choose.run(event_target_value(&event))
            >
                {empty
                    .map(|empty| {
                        view! {
                            <option value="" selected=move || chosen.run(String::new())>
                                {empty}
                            </option>
                        }
                    })}
                {move || {
                    options
                        .get()
                        .into_iter()
                        .map(|(option, text)| {
                            let selected = {
                                let option = option.clone();
                                move || chosen.run(option.clone())
                            };
                            view! {
                                <option value=option selected=selected>
                                    {text}
                                </option>
                            }
                        })
                        .collect_view()
                }}
            </select>
            <FieldError name error />
        </div>
    }
}
