use leptos::prelude::*;

/// The button that sends a form, disabled while the request is pending and then saying so
/// ("Salvando…" for "Salvar"). Without `on_click` it is the form's `type="submit"` button; with it,
/// a `type="button"` that runs `on_click` (an action outside a form: "Confirmar", "Carregar mais",
/// "Sair").
#[component]
pub fn SubmitButton(
    /// Whether the request is on its way.
    #[prop(into)]
    pending: Signal<bool>,
    /// The text while nothing is pending.
    #[prop(into)]
    label: ViewFn,
    /// The text while the request is pending.
    #[prop(into)]
    pending_label: ViewFn,
    /// Run on a click; without it the button submits its form.
    #[prop(optional)]
    on_click: Option<Callback<()>>,
    /// The button's classes.
    #[prop(default = "button button--primary")]
    class: &'static str,
    /// The button's `data-test`.
    #[prop(optional)]
    data_test: Option<&'static str>,
) -> impl IntoView {
    let kind = if on_click.is_some() { "button" } else { "submit" };
    view! {
        <button
            type=kind
            class=class
            data-test=data_test
            disabled=pending
            on:click=move |_| {
                if let Some(on_click) = on_click {
                    on_click.run(());
                }
            }
        >
            {move || if pending.get() { pending_label.run() } else { label.run() }}
        </button>
    }
}
