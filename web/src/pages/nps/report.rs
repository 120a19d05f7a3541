//! `/painel/nps` (ADMIN): the NPS of a period of local dates: the score, the counts by band, the
//! score month by month on a chart, per mechanic, the latest detractors, and the review link.

use leptos::prelude::*;

use super::chart::{ChartMonth, ScoreChart};
use super::detractors::DetractorList;
use super::settings::ReviewLinkSettings;
use super::{months_ago, nps_band, show_nps, today};
use crate::api::nps::{NpsReportView, nps_report_view};
use crate::api::request;
use crate::components::Loaded;
use crate::i18n::{t, use_i18n};

type Report = nps_report_view::NpsReportViewNpsReport;

/// The report page: the period's dates (the last 12 months at first) and what they give.
#[component]
pub fn NpsReportPage() -> impl IntoView {
    let i18n = use_i18n();
    let from = RwSignal::new(months_ago(11));
    let to = RwSignal::new(today());
    let report = LocalResource::new(move || {
        let variables = nps_report_view::Variables { from: from.get(), to: to.get() };
        async move { request::<NpsReportView>(variables).await.map(|data| data.nps_report) }
    });
    view! {
        <h1>{t!(i18n, nps.report_title)}</h1>
        <p class="muted">{t!(i18n, nps.rule)}</p>
        <div class="filters nps-period">
            <label class="field">
                <span>{t!(i18n, nps.from)}</span>
                <input
                    type="date"
                    name="from"
                    data-test="nps-from"
                    prop:value=from
                    on:change=move |event| from.set(event_target_value(&event))
                />
            </label>
            <label class="field">
                <span>{t!(i18n, nps.to)}</span>
                <input
                    type="date"
                    name="to"
                    data-test="nps-to"
                    prop:value=to
                    on:change=move |event| to.set(event_target_value(&event))
                />
            </label>
        </div>
        <Loaded resource=report show=|report| view! { <ReportView report /> } />
        <ReviewLinkSettings />
    }
}

/// What the report of a period shows.
#[component]
fn ReportView(report: Report) -> impl IntoView {
    let i18n = use_i18n();
    if report.responses == 0 {
        return view! { <p class="empty card" data-test="nps-empty">{t!(i18n, nps.empty)}</p> }.into_any();
    }
    let score_class = format!("nps-big nps-big--{}", nps_band(report.nps));
    let months = report
        .by_month
        .iter()
        .map(|m| ChartMonth { month: m.month.clone(), nps: m.nps, responses: m.responses })
        .collect();
    view! {
        <section class="card nps-summary">
            <p class=score_class data-test="nps-score">{show_nps(report.nps)}</p>
            <dl class="nps-counts">
                <div>
                    <dt>{t!(i18n, nps.responses)}</dt>
                    <dd data-test="nps-responses">{report.responses}</dd>
                </div>
                <div class="nps-counts--promoter">
                    <dt>{t!(i18n, nps.promoters)}</dt>
                    <dd>{report.promoters}</dd>
                </div>
                <div class="nps-counts--passive">
                    <dt>{t!(i18n, nps.passives)}</dt>
                    <dd>{report.passives}</dd>
                </div>
                <div class="nps-counts--detractor">
                    <dt>{t!(i18n, nps.detractors)}</dt>
                    <dd>{report.detractors}</dd>
                </div>
            </dl>
        </section>
        <section class="card">
            <h2>{t!(i18n, nps.over_time)}</h2>
            <ScoreChart months />
        </section>
        <section class="card">
            <h2>{t!(i18n, nps.by_mechanic)}</h2>
            {if report.by_mechanic.is_empty() {
                view! { <p class="empty">{t!(i18n, nps.no_mechanics)}</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll">
                        <table class="table" data-test="nps-mechanics">
                            <thead>
                                <tr>
                                    <th scope="col">{t!(i18n, nps.mechanic)}</th>
                                    <th scope="col">"NPS"</th>
                                    <th scope="col">{t!(i18n, nps.responses)}</th>
                                    <th scope="col">{t!(i18n, nps.promoters)}</th>
                                    <th scope="col">{t!(i18n, nps.passives)}</th>
                                    <th scope="col">{t!(i18n, nps.detractors)}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {report
                                    .by_mechanic
                                    .into_iter()
                                    .map(|row| {
                                        let class = format!("nps-cell--{}", nps_band(row.nps));
                                        view! {
                                            <tr>
                                                <th scope="row">{row.mechanic.name}</th>
                                                <td class=class>{show_nps(row.nps)}</td>
                                                <td>{row.responses}</td>
                                                <td>{row.promoters}</td>
                                                <td>{row.passives}</td>
                                                <td>{row.detractors}</td>
                                            </tr>
                                        }
                                    })
                                    .collect_view()}
                            </tbody>
                        </table>
                    </div>
                }
                    .into_any()
            }}
        </section>
        <section class="card">
            <h2>{t!(i18n, nps.recent_detractors)}</h2>
            <DetractorList detractors=report.recent_detractors />
        </section>
    }
    .into_any()
}
