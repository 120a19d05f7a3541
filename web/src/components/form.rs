use leptos::prelude::*;

use crate::api::ApiError;
use crate::i18n::error_message;

/// A labelled input whose `name` is its GraphQL input field, followed by the error the server gave
/// for that field.
#[component]
pub fn FormField(
    /// The GraphQL input field, used as the input's `name`.
    name: &'static str,
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
    let described_by = if hint.is_some() {
        format!("{hint_id} {error_id}")
    } else {
        error_id
    };
    let has_error =
        move || error.with(|error| error.as_ref().and_then(ApiError::field) == Some(name));
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
                name=name
                type=input_type
                autocomplete=autocomplete
                aria-invalid=move || has_error().to_string()
                aria-describedby=described_by
                prop:value=value
                on:input=on_input
            />
            <FieldError name error />
        </div>
    }
}

/// The server's error for the field `name`, shown next to its input (`data-field-error`).
#[component]
pub fn FieldError(
    /// The input's `name`.
    name: &'static str,
    /// The last error of the form's request.
    error: Signal<Option<ApiError>>,
) -> impl IntoView {
    move || {
        error
            .get()
            .filter(|error| error.field() == Some(name))
            .map(|error| {
                view! {
                    <p class="field__error" id=format!("field-{name}-error") data-field-error=name>
                        {move || error_message(&error)}
                    </p>
                }
            })
    }
}

/// The form-level error (`data-test="form-error"`): any error that is not shown next to one of
/// the form's `fields`.
#[component]
pub fn FormError(
    /// The last error of the form's request.
    error: Signal<Option<ApiError>>,
    /// The names of the form's inputs.
    fields: &'static [&'static str],
) -> impl IntoView {
    move || {
        error
            .get()
            .filter(|error| error.field().is_none_or(|field| !fields.contains(&field)))
            .map(|error| {
                view! {
                    <p class="form-error" role="alert" data-test="form-error">
                        {move || error_message(&error)}
                    </p>
                }
            })
    }
}
