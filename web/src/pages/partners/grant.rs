//! Handing out an offer: to every eligible customer at once (a background job whose progress the
//! button shows, polled each second while it runs), or to one customer found by a search.

use leptos::prelude::*;

use crate::api::operations::{Customers, customers};
use crate::api::partners::{
    PartnersGrantAll, PartnersGrantJob, PartnersGrantOne, partners_grant_all, partners_grant_job,
    partners_grant_one,
};
use crate::api::{ApiError, request};
use crate::i18n::{error_message, t, use_i18n};

/// A job's progress: (done, total, running).
type Progress = (i64, i64, bool);

/// "Conceder a todos os elegíveis" with the job's progress bar.
#[component]
pub fn GrantAll(offer_id: String) -> impl IntoView {
    let i18n = use_i18n();
    let progress = RwSignal::new(None::<Progress>);
    let failed = RwSignal::new(None::<ApiError>);
    let id = offer_id.clone();
    let poll = Action::new_local(move |_: &()| {
        let offer_id = id.clone();
        async move {
            if let Ok(data) = request::<PartnersGrantJob>(partners_grant_job::Variables { offer_id }).await {
                let job = data.grant_job.map(|j| {
                    (j.done, j.total, matches!(j.status, partners_grant_job::GrantJobStatus::RUNNING))
                });
                progress.set(job);
            }
        }
    });
    poll.dispatch(());
    // While a job runs, ask again every second.
    Effect::new(move || {
        if progress.get().is_some_and(|(_, _, running)| running) {
            set_timeout(
                move || {
                    poll.dispatch(());
                },
                std::time::Duration::from_secs(1),
            );
        }
    });
    let start = Action::new_local(move |_: &()| {
        let offer_id = offer_id.clone();
        async move {
            match request::<PartnersGrantAll>(partners_grant_all::Variables { offer_id }).await {
                Ok(data) => {
                    let job = data.grant_offer_to_all_eligible;
                    failed.set(None);
                    progress.set(Some((
                        job.done,
                        job.total,
                        matches!(job.status, partners_grant_all::GrantJobStatus::RUNNING),
                    )));
                }
                Err(err) => failed.set(Some(err)),
            }
        }
    });
    view! {
        <div class="grant-all" data-test="grant-all">
            <button
                type="button"
                class="button button--small"
                data-test="grant-all-start"
                disabled=move || progress.get().is_some_and(|(_, _, running)| running)
                on:click=move |_| {
                    start.dispatch(());
                }
            >
                {t!(i18n, partners.grant_all)}
            </button>
            {move || {
                progress
                    .get()
                    .map(|(done, total, running)| {
                        view! {
                            <progress max=total.max(1).to_string() value=done.to_string()></progress>
                            <span class="muted" data-test="grant-progress">
                                {if running {
                                    t!(i18n, partners.grant_running, done = done, total = total).into_any()
                                } else {
                                    t!(i18n, partners.grant_done, done = done).into_any()
                                }}
                            </span>
                        }
                    })
            }}
            {move || failed.get().map(|e| view! { <p class="field-error">{error_message(&e)}</p> })}
        </div>
    }
}

/// A customer search whose results each take the offer with one click; the code handed out shows.
#[component]
pub fn GrantOne(offer_id: String) -> impl IntoView {
    let i18n = use_i18n();
    let search = RwSignal::new(String::new());
    let found = LocalResource::new(move || {
        let search = search.get();
        async move {
            if search.trim().chars().count() < 2 {
                return Ok(Vec::new());
            }
            let vars = customers::Variables { search: Some(search), first: Some(5), after: None };
            request::<Customers>(vars)
                .await
                .map(|d| d.customers.edges.into_iter().map(|e| (e.node.id, e.node.name)).collect::<Vec<_>>())
        }
    });
    let grant = Action::new_local(move |customer_id: &String| {
        let (customer_id, offer_id) = (customer_id.clone(), offer_id.clone());
        async move {
            request::<PartnersGrantOne>(partners_grant_one::Variables { customer_id, offer_id })
                .await
                .map(|d| d.grant_offer.promo_code)
        }
    });
    view! {
        <details class="grant-one">
            <summary>{t!(i18n, partners.grant_one)}</summary>
            <input
                type="search"
                data-test="grant-search"
                placeholder=move || crate::i18n::t_string!(i18n, partners.search_customer)
                prop:value=search
                on:input=move |e| search.set(event_target_value(&e))
            />
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    let list = found.await.unwrap_or_default();
                    {
                        list.into_iter()
                            .map(|(id, name)| view! {
                                <button type="button" class="button button--small" on:click=move |_| { grant.dispatch(id.clone()); }>
                                    {t!(i18n, partners.grant_to, name = name.clone())}
                                </button>
                            })
                            .collect_view()
                    }
                })}
            </Transition>
            {move || grant.value().get().map(|answer| match answer {
                Ok(code) => view! { <p class="notice notice--success" role="status">{t!(i18n, partners.granted, code = code.clone())}</p> }.into_any(),
                Err(e) => view! { <p class="field-error">{error_message(&e)}</p> }.into_any(),
            })}
        </details>
    }
}
