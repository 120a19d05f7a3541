//! The data-export button: asks for a link, starts the download and keeps the link on show
//! (it works for 15 minutes) in case the browser did not start it.

use std::future::Future;

use leptos::prelude::*;

use crate::api::ApiError;
use crate::i18n::{date_time_text, error_message, t};

/// The path (and what follows) of an absolute `url`; `url` itself when it has no scheme.
fn local_path(url: &str) -> String {
    match url.split_once("://") {
        Some((_, rest)) => rest.find('/').map_or_else(|| "/".to_owned(), |start| rest[start..].to_owned()),
        None => url.to_owned(),
    }
}

/// A button labelled `label` that runs `export` (which answers the link and when it expires),
/// then sends the browser to the link.
#[component]
pub(super) fn ExportButton<L, V, F, Fut>(label: L, export: F, data_test: &'static str) -> impl IntoView
where
    L: Fn() -> V + Send + Sync + 'static,
    V: IntoView + 'static,
    F: Fn() -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<(String, String), ApiError>> + 'static,
{
    let i18n = crate::i18n::use_i18n();
    let run = Action::new_local(move |(): &()| {
        let asked = export();
        async move {
            let (url, expires_at) = asked.await?;
            // The app and the API share one origin: the link's path downloads from here.
            let url = local_path(&url);
            if let Some(window) = web_sys::window() {
                let _ = window.location().assign(&url);
            }
            Ok::<_, ApiError>((url, expires_at))
        }
    });
    let pending = run.pending();
    view! {
        <button
            type="button"
            class="button"
            data-test=data_test
            disabled=move || pending.get()
            on:click=move |_| {
                run.dispatch(());
            }
        >
            {move || if pending.get() { t!(i18n, privacy.preparing).into_any() } else { label().into_any() }}
        </button>
        {move || {
            run.value()
                .get()
                .map(|outcome| match outcome {
                    Ok((url, expires_at)) => {
                        view! {
                            <p class="notice notice--success" role="status">
                                <a href=url data-test="export-link" download="meus-dados.zip">
                                    {t!(i18n, privacy.export_link, time = move || date_time_text(&expires_at))}
                                </a>
                            </p>
                        }
                            .into_any()
                    }
                    Err(error) => {
                        view! {
                            <p class="form-error" role="alert">
                                {move || error_message(&error)}
                            </p>
                        }
                            .into_any()
                    }
                })
        }}
    }
}
