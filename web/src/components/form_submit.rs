use std::future::Future;

use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use super::focus_field;
use crate::api::ApiError;

/// A form's request: runs it, tells whether it is pending, and keeps what it answered: the
/// error (shown next to the field it names, or below the form) or the last success. Made by
/// [`use_form_submit`]; `Copy`, like the signals it holds.
pub struct FormSubmit<I: 'static, O: 'static> {
    action: Action<I, Result<O, ApiError>>,
}

impl<I, O> Clone for FormSubmit<I, O> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<I, O> Copy for FormSubmit<I, O> {}

/// The request of a form whose inputs are named as the server's fields: `run` sends the
/// request for the input it is given (and does what a success leads to: going to another page,
/// emptying the form). When the answer is an error that names a field, the input of that name
/// takes the focus.
pub fn use_form_submit<I, O, F, Fut>(run: F) -> FormSubmit<I, O>
where
    I: Send + Sync + 'static,
    O: Send + Sync + 'static,
    F: Fn(&I) -> Fut + 'static,
    Fut: Future<Output = Result<O, ApiError>> + 'static,
{
    use_form_submit_named(|field| field, run)
}

/// [`use_form_submit`] for a form whose input for the server's field `field` is named
/// `input_name(field)`.
pub fn use_form_submit_named<I, O, F, Fut>(input_name: fn(&str) -> &str, run: F) -> FormSubmit<I, O>
where
    I: Send + Sync + 'static,
    O: Send + Sync + 'static,
    F: Fn(&I) -> Fut + 'static,
    Fut: Future<Output = Result<O, ApiError>> + 'static,
{
    let action = Action::new_local(move |input: &I| {
        let answer = run(input);
        async move {
            let answer = answer.await;
            if let Some(field) = answer.as_ref().err().and_then(ApiError::field) {
                focus_field(input_name(field));
            }
            answer
        }
    });
    FormSubmit { action }
}

impl<I, O> FormSubmit<I, O>
where
    I: Send + Sync + 'static,
    O: Send + Sync + 'static,
{
    /// Sends the request for `input`; the last answer goes away until the new one comes.
    pub fn dispatch(self, input: I) {
        self.action.value().set(None);
        self.action.dispatch(input);
    }

    /// Whether the request is on its way.
    pub fn pending(self) -> Memo<bool> {
        self.action.pending()
    }

    /// The error of the last answer, if it was one.
    pub fn error(self) -> Signal<Option<ApiError>> {
        let value = self.action.value();
        Signal::derive(move || {
            value.with(|answer| answer.as_ref().and_then(|answer| answer.as_ref().err().cloned()))
        })
    }

    /// Forgets an error that names a field: after a row of a repeated list is added or removed,
    /// the place it names may be another row's.
    pub fn clear_field_error(self) {
        let value = self.action.value();
        let names_a_field =
            value.with_untracked(|answer| matches!(answer, Some(Err(error)) if error.field().is_some()));
        if names_a_field {
            value.set(None);
        }
    }
}

impl<I, O> FormSubmit<I, O>
where
    I: Send + Sync + 'static,
    O: Clone + Send + Sync + 'static,
{
    /// What the last answer gave, if it was a success.
    pub fn done(self) -> Signal<Option<O>> {
        let value = self.action.value();
        Signal::derive(move || {
            value.with(|answer| answer.as_ref().and_then(|answer| answer.as_ref().ok().cloned()))
        })
    }
}

impl<O: Send + Sync + 'static> FormSubmit<(), O> {
    /// The form's `on:submit`: sends the request instead of the browser's own submission.
    pub fn on_submit(self) -> impl Fn(SubmitEvent) + Copy + 'static {
        move |event: SubmitEvent| {
            event.prevent_default();
            self.dispatch(());
        }
    }
}
