//! `/cliente/avaliar/:orderId`: the survey of one of the signed-in customer's finished orders.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use super::survey_form::SurveyForm;
use crate::api::nps::{NpsPortalAnswer, NpsPortalSurvey, nps_portal_answer, nps_portal_survey};
use crate::api::operations::ServiceOrderStatus;
use crate::api::{ApiError, Area, request};
use crate::components::{AreaShell, ErrorNotice, Loading, first_error};
use crate::format::show_plate;
use crate::i18n::{date_text, t, use_i18n};

/// Answers the survey of order `id`.
fn send(
    id: String,
    score: i64,
    comment: Option<String>,
) -> std::pin::Pin<Box<dyn std::future::Future<Output = Result<Option<String>, ApiError>>>> {
    Box::pin(async move {
        let variables = nps_portal_answer::Variables { service_order_id: id, score, comment };
        Ok(request::<NpsPortalAnswer>(variables).await?.answer_nps.review_url)
    })
}

/// The survey of one order: the form while it is pending, "rated already" once answered (or
/// past its 30 days), a note while the order is still open.
#[component]
pub fn NpsPortalPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("orderId").unwrap_or_default());
    let loaded = LocalResource::new(move || {
        let id = id();
        async move { request::<NpsPortalSurvey>(nps_portal_survey::Variables { id }).await }
    });
    view! {
        <AreaShell area=Area::Customer>
            <main class="page page--narrow">
                <p>
                    <A href="/cliente">{t!(i18n, nps.back_to_portal)}</A>
                </p>
                <Suspense fallback=|| view! { <Loading /> }>
                    <ErrorBoundary fallback=move |errors| {
                        let error = first_error(&errors.get());
                        view! { <ErrorNotice error retry=Callback::new(move |()| loaded.refetch()) /> }
                    }>
                        {move || Suspend::new(async move {
                            loaded
                                .await
                                .map(|data| {
                                    let order = data.service_order;
                                    if order.status != ServiceOrderStatus::Finished {
                                        return view! {
                                            <p class="notice" role="status" data-test="nps-not-finished">
                                                {t!(i18n, nps.not_finished)}
                                            </p>
                                        }
                                            .into_any();
                                    }
                                    let pending = data
                                        .my_customer
                                        .pending_nps
                                        .iter()
                                        .any(|p| p.service_order.id == order.id);
                                    let date = order.finished_at.as_deref().map(date_text).unwrap_or_default();
                                    let (number, plate) = (order.number, show_plate(&order.vehicle.plate));
                                    let heading = move || {
                                        let (plate, date) = (plate.clone(), date.clone());
                                        t!(i18n, nps.portal_heading, number = number, plate = plate, date = date)
                                    };
                                    view! { <SurveyForm key=order.id heading answered=!pending send /> }.into_any()
                                })
                        })}
                    </ErrorBoundary>
                </Suspense>
            </main>
        </AreaShell>
    }
}
