//! `/painel/fidelidade` (ADMIN): the workshop's programs with their rules and status, pause,
//! resume and end, and the form of a new one.

use leptos::prelude::*;

use super::form::NewProgramForm;
use crate::api::loyalty::{
    EndLoyaltyProgram, LoyaltyProgramKind, LoyaltyProgramStatus, LoyaltyProgramsView, PauseLoyaltyProgram,
    ResumeLoyaltyProgram, end_loyalty_program, loyalty_programs_view, pause_loyalty_program,
    resume_loyalty_program,
};
use crate::api::{ApiError, request};
use crate::components::Loaded;
use crate::format::show_money;
use crate::i18n::{error_message, t, use_i18n};

type Program = loyalty_programs_view::LoyaltyProgramsViewLoyaltyPrograms;
/// The programs as the list shows them (a `Vec<…>` closure parameter does not parse in `view!`).
type Programs = Vec<Program>;

/// A status change of a program.
#[derive(Debug, Clone, Copy)]
enum Change {
    Pause,
    Resume,
    End,
}

async fn change(id: String, change: Change) -> Result<(), ApiError> {
    match change {
        Change::Pause => {
            request::<PauseLoyaltyProgram>(pause_loyalty_program::Variables { id }).await.map(|_| ())
        }
        Change::Resume => {
            request::<ResumeLoyaltyProgram>(resume_loyalty_program::Variables { id }).await.map(|_| ())
        }
        Change::End => request::<EndLoyaltyProgram>(end_loyalty_program::Variables { id }).await.map(|_| ()),
    }
}

/// The programs page.
#[component]
pub fn LoyaltyProgramsPage() -> impl IntoView {
    let i18n = use_i18n();
    let show_ended = RwSignal::new(false);
    let loaded = LocalResource::new(move || {
        let include_ended = Some(show_ended.get());
        async move {
            request::<LoyaltyProgramsView>(loyalty_programs_view::Variables { include_ended })
                .await
                .map(|data| data.loyalty_programs)
        }
    });
    let action = Action::new_local(move |(id, what): &(String, Change)| {
        let answer = change(id.clone(), *what);
        async move {
            let answer = answer.await;
            if answer.is_ok() {
                loaded.refetch();
            }
            answer
        }
    });
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let reload = Callback::new(move |()| loaded.refetch());
    view! {
        <div class="page-head">
            <h1>{t!(i18n, loyalty.programs_title)}</h1>
        </div>
        <p class="muted">{t!(i18n, loyalty.programs_lead)}</p>
        {move || {
            error.get().map(|e| view! { <p class="form-error" role="alert">{move || error_message(&e)}</p> })
        }}
        <section class="card">
            <label class="field field--checkbox">
                <input
                    type="checkbox"
                    data-test="show-ended"
                    prop:checked=show_ended
                    on:change=move |event| show_ended.set(event_target_checked(&event))
                />
                {t!(i18n, loyalty.show_ended)}
            </label>
            <Loaded
                resource=loaded
                show=move |programs: Programs| {
                    if programs.is_empty() {
                        view! { <p class="empty" data-test="no-programs">{t!(i18n, loyalty.no_programs_admin)}</p> }
                            .into_any()
                    } else {
                        view! {
                            <ul class="program-list" data-test="programs">
                                {programs
                                    .into_iter()
                                    .map(|program| view! { <ProgramRow program action /> })
                                    .collect_view()}
                            </ul>
                        }
                            .into_any()
                    }
                }
            />
        </section>
        <NewProgramForm created=reload />
    }
}

/// One program: its rule, reward, status and the changes it allows.
#[component]
fn ProgramRow(program: Program, action: Action<(String, Change), Result<(), ApiError>>) -> impl IntoView {
    let i18n = use_i18n();
    let pending = action.pending();
    let rule = match program.kind {
        LoyaltyProgramKind::Visits => {
            t!(i18n, loyalty.rule_visits, visits = program.visits_for_reward.unwrap_or_default()).into_any()
        }
        _ => t!(
            i18n,
            loyalty.rule_points,
            per_real = program.points_per_real.unwrap_or_default(),
            points = program.reward_points.unwrap_or_default()
        )
        .into_any(),
    };
    let value = match program.reward_cents {
        Some(cents) => show_money(cents).into_any(),
        None => t!(i18n, loyalty.reward_labour).into_any(),
    };
    let status = program.status;
    let status_text = move || match status {
        LoyaltyProgramStatus::Active => t!(i18n, loyalty.status_active).into_any(),
        LoyaltyProgramStatus::Paused => t!(i18n, loyalty.status_paused).into_any(),
        _ => t!(i18n, loyalty.status_ended).into_any(),
    };
    let button = move |what: Change, id: String| {
        let label = move || match what {
            Change::Pause => t!(i18n, loyalty.pause).into_any(),
            Change::Resume => t!(i18n, loyalty.resume).into_any(),
            Change::End => t!(i18n, loyalty.end).into_any(),
        };
        let test = match what {
            Change::Pause => "pause-program",
            Change::Resume => "resume-program",
            Change::End => "end-program",
        };
        view! {
            <button
                type="button"
                class="button button--quiet"
                data-test=test
                disabled=pending
                on:click=move |_| {
                    action.dispatch((id.clone(), what));
                }
            >
                {label}
            </button>
        }
    };
    let id = program.id.clone();
    view! {
        <li data-test="program">
            <strong>{program.name}</strong>
            " "
            <span class="badge badge--inline" data-test="program-status">{status_text}</span>
            {(!program.description.is_empty()).then(|| view! { <p class="muted">{program.description.clone()}</p> })}
            <p>{rule}</p>
            <p>{program.reward_description} " — " {value}</p>
            <div class="form__actions">
                {(status == LoyaltyProgramStatus::Active).then(|| button(Change::Pause, id.clone()))}
                {(status == LoyaltyProgramStatus::Paused).then(|| button(Change::Resume, id.clone()))}
                {(status != LoyaltyProgramStatus::Ended).then(|| button(Change::End, id.clone()))}
            </div>
        </li>
    }
}
