//! `/avaliar/:token`: the survey from the e-mailed link, without sign-in.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::survey_form::SurveyForm;
use crate::api::nps::{NpsLinkAnswer, NpsLinkSurvey, nps_link_answer, nps_link_survey};
use crate::api::{ApiError, request};
use crate::components::{ErrorNotice, Loading, PublicHeader, first_error};
use crate::i18n::{date_text, t, use_i18n};

/// Answers the survey of the link `token`.
fn send(
    token: String,
    score: i64,
    comment: Option<String>,
) -> std::pin::Pin<Box<dyn std::future::Future<Output = Result<Option<String>, ApiError>>>> {
    Box::pin(async move {
        let answer = request::<NpsLinkAnswer>(nps_link_answer::Variables { token, score, comment }).await?;
        Ok(answer.answer_nps_survey.review_url)
    })
}

/// The survey of an e-mailed link: the form, "rated already", or one plain "invalid or expired
/// link" for an unknown or expired token.
#[component]
pub fn NpsLinkPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let token = move || params.with(|p| p.get("token").unwrap_or_default());
    let survey = LocalResource::new(move || {
        let token = token();
        async move { request::<NpsLinkSurvey>(nps_link_survey::Variables { token }).await }
    });
    view! {
        <PublicHeader />
        <main class="page page--narrow">
            <Suspense fallback=|| view! { <Loading /> }>
                <ErrorBoundary fallback=move |errors| {
                    let error = first_error(&errors.get());
                    if error == ApiError::NotFound {
                        view! {
                            <div class="notice notice--error" role="alert" data-test="nps-link-invalid">
                                <p>{t!(i18n, nps.link_invalid)}</p>
                            </div>
                        }
                            .into_any()
                    } else {
                        view! { <ErrorNotice error retry=Callback::new(move |()| survey.refetch()) /> }.into_any()
                    }
                }>
                    {move || Suspend::new(async move {
                        survey
                            .await
                            .map(|data| {
                                let s = data.nps_survey;
                                let (workshop, number, date) =
                                    (s.workshop_name, s.order_number, date_text(&s.finished_at));
                                let heading = move || {
                                    let (workshop, date) = (workshop.clone(), date.clone());
                                    t!(i18n, nps.link_heading, workshop = workshop, number = number, date = date)
                                };
                                view! { <SurveyForm key=token() heading answered=s.answered send /> }
                            })
                    })}
                </ErrorBoundary>
            </Suspense>
        </main>
    }
}
