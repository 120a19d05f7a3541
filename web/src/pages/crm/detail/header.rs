//! The head of the 360 page: the customer's name and kind, "Editar", and the invitation to the
//! customer portal.

use leptos::prelude::*;
use leptos_router::components::A;

use super::invite::InviteForm;
use crate::api::operations::CustomerKind;
use crate::i18n::{customer_kind_name, t, use_i18n};
use crate::pages::crm::can_edit;

/// The customer's name and kind; for those who may edit, "Convidar" (with the invitation form
/// and its confirmation) and "Editar".
#[component]
pub(super) fn CustomerHeader(
    id: String,
    name: String,
    kind: CustomerKind,
    /// The e-mail the invitation starts with.
    first_email: Option<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let edit_href = format!("/painel/clientes/{id}/editar");
    let inviting = RwSignal::new(false);
    let invite_sent = RwSignal::new(None::<String>);
    let invite_id = id;
    let on_invite_sent = Callback::new(move |email: String| {
        inviting.set(false);
        invite_sent.set(Some(email));
    });
    let close_invite = Callback::new(move |()| inviting.set(false));

    view! {
        <div class="page-head">
            <div>
                <h1 data-test="customer-name">{name}</h1>
                <span class="badge badge--inline">{move || customer_kind_name(kind)}</span>
            </div>
            <Show when=can_edit>
                <div class="page-head__actions">
                    <Show when=move || !inviting.get()>
                        <button
                            type="button"
                            class="button"
                            data-test="invite-customer"
                            on:click=move |_| {
                                invite_sent.set(None);
                                inviting.set(true);
                            }
                        >
                            {t!(i18n, customer_page.invite)}
                        </button>
                    </Show>
                    <A
                        href=edit_href.clone()
                        attr:class="button"
                        attr:data-test="edit-customer"
                    >
                        {t!(i18n, customer_page.edit)}
                    </A>
                </div>
            </Show>
        </div>
        {move || {
            invite_sent
                .get()
                .map(|email| {
                    view! {
                        <p class="notice notice--success" role="status" data-test="invite-sent">
                            {t!(i18n, customer_page.invite_sent, email = email)}
                        </p>
                    }
                })
        }}
        {move || {
            inviting
                .get()
                .then(|| {
                    view! {
                        <InviteForm
                            customer_id=invite_id.clone()
                            email=first_email.clone()
                            on_sent=on_invite_sent
                            on_cancel=close_invite
                        />
                    }
                })
        }}
    }
}
