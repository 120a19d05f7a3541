//! The survey's form, the same from the portal and from the e-mailed link: eleven big buttons
//! from 0 to 10 coloured by band, an optional comment with its counter, and what comes after:
//! the thank-you (with the invitation to review the workshop for a promoter), or the note that the
//! order was rated already.

use std::future::Future;
use std::pin::Pin;

use leptos::prelude::*;

use super::band;
use crate::api::ApiError;
use crate::components::{FieldError, FormError, SubmitButton, use_form_submit};
use crate::i18n::{t, t_string, use_i18n};

/// The longest comment, in characters (as the server takes).
const COMMENT_MAX: usize = 1000;

/// The inputs named as the server's fields.
const FIELDS: &[&str] = &["score", "comment"];

/// Sends an answer for the survey `key` (an order id or a link token): the score and the
/// comment; answers the review link to invite a promoter to, if the workshop has one.
pub(super) type SendAnswer =
    fn(String, i64, Option<String>) -> Pin<Box<dyn Future<Output = Result<Option<String>, ApiError>>>>;

/// What a sent answer leads to.
#[derive(Debug, Clone, PartialEq)]
struct Thanks {
    promoter: bool,
    review_url: Option<String>,
}

/// The survey of one order: `heading` names it (workshop, order, date); `answered` shows the "rated already" note
/// instead of the form.
#[component]
pub(super) fn SurveyForm(
    key: String,
    #[prop(into)] heading: ViewFn,
    answered: bool,
    send: SendAnswer,
) -> impl IntoView {
    let i18n = use_i18n();
    let score = RwSignal::new(None::<i64>);
    let comment = RwSignal::new(String::new());
    let submit = use_form_submit(move |_: &()| {
        let (key, chosen, typed) = (key.clone(), score.get_untracked(), comment.get_untracked());
        let missing = t_string!(i18n, nps.pick_score).to_owned();
        async move {
            let Some(chosen) = chosen else {
                return Err(ApiError::BadUserInput { field: Some("score".into()), message: missing });
            };
            let typed = Some(typed.trim().to_owned()).filter(|c| !c.is_empty());
            let review_url = send(key, chosen, typed).await?;
            Ok(Thanks { promoter: chosen >= 9, review_url })
        }
    });
    let pending = submit.pending();
    let result = submit.error();
    let done = submit.done();
    // A CONFLICT is the order rated already (another tab, the e-mailed link): no error, the note.
    let rated = move || answered || result.with(|e| matches!(e, Some(ApiError::Conflict { .. })));
    let error = Signal::derive(move || result.get().filter(|e| !matches!(e, ApiError::Conflict { .. })));
    let count = move || comment.with(|c| c.chars().count());
    view! {
        <section class="card nps-survey" data-test="nps-survey">
            <h1>{t!(i18n, nps.survey_title)}</h1>
            <p class="lead">{heading.run()}</p>
            {move || {
                if let Some(thanks) = done.get() {
                    view! { <ThankYou thanks /> }.into_any()
                } else if rated() {
                    view! {
                        <p class="notice" role="status" data-test="nps-already">
                            {t!(i18n, nps.already_answered)}
                        </p>
                    }
                        .into_any()
                } else {
                    view! {
                        <form class="form" novalidate on:submit=submit.on_submit()>
                            <fieldset class="nps-scores">
                                <legend>{t!(i18n, nps.question)}</legend>
                                <div class="nps-scores__grid" role="group">
                                    {(0..=10)
                                        .map(|n| {
                                            view! {
                                                <button
                                                    type="button"
                                                    name=(n == 0).then_some("score")
                                                    class=format!("nps-score nps-score--{}", band(n))
                                                    class:nps-score--chosen=move || score.get() == Some(n)
                                                    aria-pressed=move || (score.get() == Some(n)).to_string()
                                                    data-test=format!("nps-score-{n}")
                                                    on:click=move |_| score.set(Some(n))
                                                >
                                                    {n}
                                                </button>
                                            }
                                        })
                                        .collect_view()}
                                </div>
                                <p class="nps-scores__ends muted" aria-hidden="true">
                                    <span>{t!(i18n, nps.unlikely)}</span>
                                    <span>{t!(i18n, nps.likely)}</span>
                                </p>
                                <FieldError name="score" error />
                            </fieldset>
                            <div class="field">
                                <label for="field-comment">{t!(i18n, nps.comment)}</label>
                                <textarea
                                    id="field-comment"
                                    name="comment"
                                    rows="4"
                                    maxlength=COMMENT_MAX.to_string()
                                    data-test="nps-comment"
                                    prop:value=comment
                                    on:input=move |event| comment.set(event_target_value(&event))
                                ></textarea>
                                <p class="field__hint" aria-live="polite">
                                    {move || format!("{}/{COMMENT_MAX}", count())}
                                </p>
                                <FieldError name="comment" error />
                            </div>
                            <FormError error fields=FIELDS />
                            <div class="form__actions">
                                <SubmitButton
                                    pending
                                    label=move || t!(i18n, nps.send)
                                    pending_label=move || t!(i18n, nps.sending)
                                    data_test="nps-send"
                                />
                            </div>
                        </form>
                    }
                        .into_any()
                }
            }}
        </section>
    }
}

/// The thank-you, and for a promoter the invitation to review the workshop.
#[component]
fn ThankYou(thanks: Thanks) -> impl IntoView {
    let i18n = use_i18n();
    let invitation = thanks.review_url.filter(|_| thanks.promoter);
    view! {
        <div class="notice notice--success" role="status" data-test="nps-thanks">
            <p>{t!(i18n, nps.thanks)}</p>
        </div>
        {invitation
            .map(|url| {
                view! {
                    <div class="nps-review" data-test="nps-review">
                        <p>{t!(i18n, nps.review_invitation)}</p>
                        <a class="button button--primary" href=url target="_blank" rel="noopener noreferrer">
                            {t!(i18n, nps.review_action)}
                        </a>
                    </div>
                }
            })}
    }
}
