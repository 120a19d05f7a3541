use leptos::prelude::*;

use crate::api::ApiError;
use crate::i18n::{error_message, t, use_i18n};

/// The loading state: a short "Carregando…" announced to screen readers.
#[component]
pub fn Loading() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p class="loading" role="status">
            <span class="loading__spinner" aria-hidden="true"></span>
            {t!(i18n, loading)}
        </p>
    }
}

/// The error state of a page or list: the translated message and, with `retry`, a button to try
/// again.
#[component]
pub fn ErrorNotice(
    /// What went wrong.
    error: ApiError,
    /// Called by the "try again" button; without it there is no button.
    #[prop(optional)]
    retry: Option<Callback<()>>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="notice notice--error" role="alert">
            <p>{move || error_message(&error)}</p>
            {retry
                .map(|retry| {
                    view! {
                        <button type="button" class="button" on:click=move |_| retry.run(())>
                            {t!(i18n, retry)}
                        </button>
                    }
                })}
        </div>
    }
}

/// The first [`ApiError`] an `ErrorBoundary` caught (INTERNAL when it caught something else).
pub fn first_error(errors: &Errors) -> ApiError {
    errors
        .iter()
        .find_map(|(_, error)| error.downcast_ref::<ApiError>().cloned())
        .unwrap_or(ApiError::Internal)
}

/// What a resource loaded, shown by `show`: "Carregando…" until it first answers (the last view
/// stays while it reloads), the error with "Tentar de novo" when it failed.
#[component]
pub fn Loaded<T, V, F>(resource: LocalResource<Result<T, ApiError>>, show: F) -> impl IntoView
where
    T: Clone + 'static,
    V: IntoView + 'static,
    F: Fn(T) -> V + Clone + Send + Sync + 'static,
{
    view! {
        <Transition fallback=|| view! { <Loading /> }>
            <ErrorBoundary fallback=move |errors| {
                view! {
                    <ErrorNotice
                        error=first_error(&errors.get())
                        retry=Callback::new(move |()| resource.refetch())
                    />
                }
            }>
                {move || {
                    let show = show.clone();
                    Suspend::new(async move { resource.await.map(show) })
                }}
            </ErrorBoundary>
        </Transition>
    }
}
