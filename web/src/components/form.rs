use leptos::prelude::*;

use crate::api::ApiError;
use crate::i18n::error_message;

/// Whether `error` belongs next to the input named `name`.
fn is_for(error: &ApiError, name: &str) -> bool {
    error.field() == Some(name)
}

/// Whether the form's last error belongs next to the input named `name` (the input is then
/// marked invalid).
pub(super) fn shows_error(name: &str, error: Signal<Option<ApiError>>) -> Memo<bool> {
    let name = name.to_owned();
    Memo::new(move |_| error.with(|error| error.as_ref().is_some_and(|error| is_for(error, &name))))
}

/// A labelled input whose `name` is its GraphQL input path (`name`, `phones.0.number`), followed
/// by the error the server gave for that path.
#[component]
pub fn FormField(
    /// The GraphQL input path without `input.`, used as the input's `name`.
    #[prop(into)]
    name: String,
    /// The label text.
    #[prop(into)]
    label: ViewFn,
    /// The input's value.
    value: RwSignal<String>,
    /// The last error of the form's request.
    error: Signal<Option<ApiError>>,
    /// The input's `type`.
    #[prop(default = "text")]
    input_type: &'static str,
    /// The input's `autocomplete` hint.
    #[prop(default = "off")]
    autocomplete: &'static str,
    /// The input's `inputmode` (the keyboard a phone shows), e.g. `numeric`.
    #[prop(optional)]
    inputmode: Option<&'static str>,
    /// The `id` of a `<datalist>` with suggestions.
    #[prop(optional, into)]
    list: Option<String>,
    /// A line of help under the label.
    #[prop(optional, into)]
    hint: Option<ViewFn>,
    /// Rewrites what is typed (an input mask).
    #[prop(optional)]
    mask: Option<fn(&str) -> String>,
) -> impl IntoView {
    let id = format!("field-{name}");
    let hint_id = format!("field-{name}-hint");
    let error_id = format!("field-{name}-error");
    let described_by = if hint.is_some() { format!("{hint_id} {error_id}") } else { error_id };
    let has_error = shows_error(&name, error);
    let on_input = move |event| {
        let typed = event_target_value(&event);
        value.set(match mask {
            Some(mask) => mask(&typed),
            None => typed,
        });
    };
    view! {
        <div class="field" class:field--invalid=has_error>
            <label for=id.clone()>{label.run()}</label>
            {hint.map(|hint| view! { <p class="field__hint" id=hint_id>{hint.run()}</p> })}
            <input
                id=id
                name=name.clone()
                type=input_type
                autocomplete=autocomplete
                inputmode=inputmode
                list=list
                aria-invalid=move || has_error.get().to_string()
                aria-describedby=described_by
                prop:value=value
                on:input=on_input
            />
            <FieldError name error />
        </div>
    }
}

/// A labelled checkbox whose `name` is its GraphQL input path.
#[component]
pub fn CheckboxField(
    /// The GraphQL input path without `input.`, used as the checkbox's `name`.
    #[prop(into)]
    name: String,
    /// The label text.
    #[prop(into)]
    label: ViewFn,
    /// Whether it is checked.
    value: RwSignal<bool>,
    /// The last error of the form's request.
    error: Signal<Option<ApiError>>,
) -> impl IntoView {
    let id = format!("field-{name}");
    view! {
        <div class="field field--checkbox">
            <input
                id=id.clone()
                name=name.clone()
                type="checkbox"
                prop:checked=value
                on:change=move |event| value.set(event_target_checked(&event))
            />
            <label for=id>{label.run()}</label>
            <FieldError name error />
        </div>
    }
}

/// The server's error for the input `name`, shown next to it (`data-field-error`).
#[component]
pub fn FieldError(
    /// The input's `name`.
    #[prop(into)]
    name: String,
    /// The last error of the form's request.
    error: Signal<Option<ApiError>>,
) -> impl IntoView {
    move || {
        error.get().filter(|error| is_for(error, &name)).map(|error| {
            view! {
                <p class="field__error" id=format!("field-{name}-error") data-field-error=name.clone()>
                    {move || error_message(&error)}
                </p>
            }
        })
    }
}

/// The form-level error (`data-test="form-error"`): any error that is not shown next to one of
/// the form's inputs.
#[component]
pub fn FormError(
    /// The names of the form's inputs; one ending in `.` stands for every input under it
    /// (`phones.` for `phones.0.ddd`, `phones.1.number`, …).
    fields: &'static [&'static str],
    /// The last error of the form's request.
    error: Signal<Option<ApiError>>,
) -> impl IntoView {
    let shown_by_a_field = move |field: &str| {
        fields.iter().any(
            |known| {
                if known.ends_with('.') { field.starts_with(known) } else { field == *known }
            },
        )
    };
    move || {
        error.get().filter(|error| error.field().is_none_or(|field| !shown_by_a_field(field))).map(|error| {
            view! {
                <p class="form-error" role="alert" data-test="form-error">
                    {move || error_message(&error)}
                </p>
            }
        })
    }
}

/// Moves the focus (and so the screen) to the input named `name`, if the page has one.
pub fn focus_field(name: &str) {
    use leptos::wasm_bindgen::JsCast;
    let found = document()
        .query_selector(&format!("[name=\"{name}\"]"))
        .ok()
        .flatten()
        .and_then(|element| element.dyn_into::<leptos::web_sys::HtmlElement>().ok());
    if let Some(element) = found {
        // Focusing can only fail on an element that cannot take focus; the error stays visible.
        let _ = element.focus();
    }
}
