//! The latest detractors' answers: on the report, and on the ADMIN's dashboard for the last 30
//! days, so a bad experience gets a call back soon.

use leptos::prelude::*;
use leptos_router::components::A;

use super::{days_ago, show_nps, today};
use crate::api::nps::{NpsReportView, nps_report_view};
use crate::api::{Role, Session, request};
use crate::components::Loaded;
use crate::i18n::{date_text, t, use_i18n};

/// A detractor's answer as listed.
pub(super) type Detractor = nps_report_view::NpsReportViewNpsReportRecentDetractors;

/// The detractors' answers, newest first, each with its order and customer.
#[component]
pub(super) fn DetractorList(detractors: Vec<Detractor>) -> impl IntoView {
    let i18n = use_i18n();
    if detractors.is_empty() {
        return view! { <p class="empty" data-test="nps-no-detractors">{t!(i18n, nps.no_detractors)}</p> }
            .into_any();
    }
    view! {
        <ul class="nps-detractors">
            {detractors
                .into_iter()
                .map(|answer| {
                    let order = answer.service_order;
                    let at = answer.answered_at;
                    view! {
                        <li class="nps-detractors__item" data-test="nps-detractor">
                            <span class="nps-score nps-score--detractor nps-score--small">{answer.score}</span>
                            <div>
                                <strong>{order.customer.name}</strong>
                                " · "
                                <A href=format!("/painel/ordens/{}", order.id)>
                                    {t!(i18n, order.number, number = order.number)}
                                </A>
                                <p class="muted">{move || date_text(&at)}</p>
                                {answer.comment.map(|comment| view! { <blockquote>{comment}</blockquote> })}
                            </div>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}

/// The dashboard's card (ADMIN only): the NPS of the last 30 days and its detractors.
#[component]
pub fn RecentDetractors() -> impl IntoView {
    let session = Session::expect();
    move || session.user().is_some_and(|user| user.role == Role::Admin).then(|| view! { <DetractorsCard /> })
}

#[component]
fn DetractorsCard() -> impl IntoView {
    let i18n = use_i18n();
    let report = LocalResource::new(|| async {
        let variables = nps_report_view::Variables { from: days_ago(30), to: today() };
        request::<NpsReportView>(variables).await.map(|data| data.nps_report)
    });
    view! {
        <section class="card" data-test="dashboard-detractors">
            <h2>{t!(i18n, nps.dashboard_title)}</h2>
            <Loaded resource=report show=|report| view! { <DashboardSummary report /> } />
        </section>
    }
}

/// The period's NPS, the way to the report, and the detractors.
#[component]
fn DashboardSummary(report: nps_report_view::NpsReportViewNpsReport) -> impl IntoView {
    let i18n = use_i18n();
    let score = show_nps(report.nps);
    view! {
        <p>
            {t!(i18n, nps.dashboard_score, score = score, responses = report.responses)} " "
            <A href="/painel/nps">{t!(i18n, nps.open_report)}</A>
        </p>
        <DetractorList detractors=report.recent_detractors />
    }
}
