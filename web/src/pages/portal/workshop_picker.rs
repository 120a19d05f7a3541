//! The workshop picker: a person who belongs to several workshops (a customer of two) chooses
//! which one the app shows (`switchWorkshop`: a new session on that membership): in the customer
//! area, and right after signing in. Shown only with several memberships.

use leptos::prelude::*;

use crate::api::portal::{MyMemberships, SwitchWorkshop, my_memberships, switch_workshop};
use crate::api::{ApiError, Area, CurrentUser, Session, request};
use crate::i18n::{error_message, t, use_i18n};

/// Moves the session to the membership of `workshop_id`, then loads the area of its role afresh
/// (every page's data belongs to the other workshop).
pub(crate) async fn switch_to(session: Session, workshop_id: String) -> Result<(), ApiError> {
    let data = request::<SwitchWorkshop>(switch_workshop::Variables { workshop_id }).await?;
    let user = CurrentUser::from(data);
    let path = Area::of(user.role).path();
    session.signed_in(user);
    // Not being able to navigate leaves the page of the old workshop until the next reload.
    let _ = window().location().set_href(path);
    Ok(())
}

/// "Oficina: …" with the user's workshops, the current one chosen.
#[component]
pub fn WorkshopPicker() -> impl IntoView {
    let i18n = use_i18n();
    let memberships = LocalResource::new(|| request::<MyMemberships>(my_memberships::Variables));
    let session = Session::expect();
    let action = Action::new_local(move |workshop_id: &String| switch_to(session, workshop_id.clone()));
    let pending = action.pending();
    let error = move || action.value().get().and_then(Result::err);
    move || {
        let Some(Ok(data)) = memberships.get() else { return ().into_any() };
        if data.me.memberships.len() < 2 {
            return ().into_any();
        }
        let current = data.me.membership.workshop.id.clone();
        view! {
            <section class="card workshop-picker" data-test="workshop-picker">
                <label class="field">
                    <span class="field__label">{t!(i18n, portal.workshop)}</span>
                    <select
                        class="input"
                        data-test="workshop-select"
                        disabled=pending
                        on:change=move |event| {
                            let chosen = event_target_value(&event);
                            action.dispatch(chosen);
                        }
                    >
                        {data
                            .me
                            .memberships
                            .into_iter()
                            .map(|membership| {
                                let selected = membership.workshop.id == current;
                                view! {
                                    <option value=membership.workshop.id selected=selected>
                                        {membership.workshop.name}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </label>
                <p class="muted">{t!(i18n, portal.workshop_hint)}</p>
                {move || {
                    error().map(|error| view! { <p class="form-error" role="alert">{move || error_message(&error)}</p> })
                }}
            </section>
        }
        .into_any()
    }
}
