use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use super::{LanguageToggle, PlateSearch, SubmitButton, use_form_submit};
use crate::api::operations::{SignOut, sign_out};
use crate::api::{ApiError, Area, CurrentUser, Session, request};
use crate::i18n::{error_message, t, use_i18n};

/// The bar on top of a signed-in area: workshop, person, (for staff) the plate search, language
/// toggle and "Sair".
#[component]
pub fn TopBar(
    /// The signed-in person.
    user: CurrentUser,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = Session::expect();
    let navigate = use_navigate();
    let sign_out = use_form_submit(move |_: &()| {
        let navigate = navigate.clone();
        async move {
            match request::<SignOut>(sign_out::Variables).await {
                // An expired session is as good as a finished one.
                Ok(_) | Err(ApiError::Unauthenticated) => {
                    session.signed_out();
                    navigate("/entrar", Default::default());
                    Ok(())
                }
                Err(error) => Err(error),
            }
        }
    });
    let pending = sign_out.pending();
    let error = sign_out.error();
    let staff = Area::of(user.role) == Area::Staff;
    view! {
        <header class="bar bar--signed-in">
            <div class="bar__who">
                <span class="bar__workshop" data-test="workshop-name">
                    {user.workshop_name}
                </span>
                <span class="bar__user" data-test="user-name">
                    {user.name}
                </span>
            </div>
            {staff.then(|| view! { <div class="bar__search"><PlateSearch /></div> })}
            <div class="bar__actions">
                <LanguageToggle />
                <SubmitButton
                    pending
                    label=move || t!(i18n, top_bar.sign_out)
                    pending_label=move || t!(i18n, top_bar.signing_out)
                    on_click=Callback::new(move |()| sign_out.dispatch(()))
                    class="button button--small"
                    data_test="sign-out"
                />
            </div>
        </header>
        {move || {
            error
                .get()
                .map(|error| {
                    view! {
                        <p class="bar__error" role="alert">
                            {move || error_message(&error)}
                        </p>
                    }
                })
        }}
    }
}
