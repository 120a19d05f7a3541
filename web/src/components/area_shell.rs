use leptos::prelude::*;
use leptos_router::components::Redirect;

use super::{ErrorNotice, Loading, PublicHeader, TopBar};
use crate::api::{ApiError, Area, Session};

/// The frame of a signed-in area: waits for the session, sends visitors to `/entrar` and people of
/// another area to their own, then shows the top bar above `children`.
#[component]
pub fn AreaShell(
    /// The area this frame belongs to.
    area: Area,
    /// The area's content.
    children: ChildrenFn,
) -> impl IntoView {
    let session = Session::expect();
    move || match session.get() {
        None => view! { <Loading /> }.into_any(),
        Some(Err(ApiError::Unauthenticated)) => view! { <Redirect path="/entrar" /> }.into_any(),
        Some(Err(error)) => view! {
            <PublicHeader />
            <main class="page page--narrow">
                <ErrorNotice error retry=Callback::new(move |()| session.reload()) />
            </main>
        }
        .into_any(),
        Some(Ok(user)) if Area::of(user.role) != area => {
            view! { <Redirect path=Area::of(user.role).path() /> }.into_any()
        }
        Some(Ok(user)) => view! { <TopBar user />{children()} }.into_any(),
    }
}
