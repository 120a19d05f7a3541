//! The finish dialog (payment method, 1 to 12 installments, first due date and the preview of
//! the installments) and the cancel dialog (the reason, 3 to 500 characters).

use leptos::prelude::*;

use super::detail::{Change, Changes, Dialog, Order};
use super::today;
use crate::api::operations::{InstallmentPlan, PaymentMethod, installment_plan};
use crate::api::{ApiError, request};
use crate::components::{EnumSelect, FormField, SelectField, SubmitButton};
use crate::format::show_money;
use crate::i18n::{date_text, error_message, payment_method_name, t, use_i18n};

/// The most installments a payment may have.
const MAX_INSTALLMENTS: i64 = 12;
/// How long a cancellation's reason may be, in characters.
const REASON_LENGTH: std::ops::RangeInclusive<usize> = 3..=500;

/// "Finalizar": how the customer pays, with the installments it makes.
#[component]
pub(super) fn FinishDialog(order: Order, changes: Changes, dialog: RwSignal<Dialog>) -> impl IntoView {
    let i18n = use_i18n();
    let method = RwSignal::new(Some(PaymentMethod::Pix));
    let installments = RwSignal::new("1".to_owned());
    let first_due = RwSignal::new(today());
    let no_error = Signal::derive(|| None::<ApiError>);
    let options = Signal::derive(|| {
        (1..=MAX_INSTALLMENTS).map(|n| (n.to_string(), format!("{n}×"))).collect::<Vec<_>>()
    });
    let total = order.final_cents;
    let plan = LocalResource::new(move || {
        let count = installments.get().parse().unwrap_or(1);
        let first_due_date = first_due.get();
        async move {
            request::<InstallmentPlan>(installment_plan::Variables {
                total_cents: total,
                installments: count,
                first_due_date,
            })
            .await
            .map(|data| data.installment_plan)
        }
    });
    let pending = changes.pending();
    let finish = move || {
        let Some(method) = method.get_untracked() else { return };
        changes.send(
            &order,
            Change::Finish {
                method,
                installments: installments.get_untracked().parse().unwrap_or(1),
                first_due_date: first_due.get_untracked(),
            },
        );
    };
    view! {
        <section class="card dialog" role="dialog" aria-labelledby="finish-title" data-test="finish-dialog">
            <h2 id="finish-title">{t!(i18n, orders.finish_title)}</h2>
            <p>{t!(i18n, orders.finish_total, total = show_money(total))}</p>
            <div class="grid">
                <EnumSelect
                    name="method"
                    label=move || t!(i18n, orders.payment_method)
                    value=method
                    text=payment_method_name
                    error=no_error
                />
                <SelectField
                    name="installments"
                    label=move || t!(i18n, orders.installments_count)
                    value=installments
                    options
                    error=no_error
                />
                <FormField
                    name="firstDueDate"
                    label=move || t!(i18n, orders.first_due_date)
                    value=first_due
                    input_type="date"
                    error=no_error
                />
            </div>
            <h3>{t!(i18n, orders.plan_preview)}</h3>
            <Transition fallback=|| view! { <p class="muted">"…"</p> }>
                {move || Suspend::new(async move {
                    match plan.await {
                        Ok(plan) => view! {
                            <ol class="plan" data-test="plan">
                                {plan
                                    .into_iter()
                                    .map(|planned| {
                                        let due = planned.due_date.clone();
                                        view! {
                                            <li data-test="planned-installment">
                                                <span>{format!("{}ª", planned.number)}</span>
                                                <span>{move || date_text(&due)}</span>
                                                <span>{show_money(planned.amount_cents)}</span>
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ol>
                        }
                            .into_any(),
                        Err(error) => view! { <p class="form-error" role="alert">{move || error_message(&error)}</p> }
                            .into_any(),
                    }
                })}
            </Transition>
            <DialogActions dialog>
                <SubmitButton
                    pending
                    label=move || t!(i18n, orders.confirm_finish)
                    pending_label=move || t!(i18n, orders.finishing)
                    on_click=Callback::new(move |()| finish())
                    data_test="confirm-finish"
                />
            </DialogActions>
        </section>
    }
}

/// "Cancelar": the reason, checked here for its length before it is sent.
#[component]
pub(super) fn CancelDialog(order: Order, changes: Changes, dialog: RwSignal<Dialog>) -> impl IntoView {
    let i18n = use_i18n();
    let reason = RwSignal::new(String::new());
    let too_short = RwSignal::new(false);
    let pending = changes.pending();
    let cancel = move || {
        let text = reason.get_untracked().trim().to_owned();
        if !REASON_LENGTH.contains(&text.chars().count()) {
            too_short.set(true);
            return;
        }
        changes.send(&order, Change::Cancel(text));
    };
    view! {
        <section class="card dialog" role="dialog" aria-labelledby="cancel-title" data-test="cancel-dialog">
            <h2 id="cancel-title">{t!(i18n, orders.cancel_title)}</h2>
            <div class="field" class:field--invalid=too_short>
                <label for="field-reason">{t!(i18n, orders.cancel_reason)}</label>
                <textarea
                    id="field-reason"
                    name="reason"
                    rows="3"
                    maxlength="500"
                    prop:value=reason
                    on:input=move |event| {
                        too_short.set(false);
                        reason.set(event_target_value(&event));
                    }
                ></textarea>
                <Show when=move || too_short.get()>
                    <p class="field__error" data-field-error="reason">
                        {t!(i18n, orders.cancel_reason_length)}
                    </p>
                </Show>
            </div>
            <DialogActions dialog>
                <SubmitButton
                    pending
                    label=move || t!(i18n, orders.confirm_cancel)
                    pending_label=move || t!(i18n, orders.cancelling)
                    on_click=Callback::new(move |()| cancel())
                    class="button button--danger"
                    data_test="confirm-cancel"
                />
            </DialogActions>
        </section>
    }
}

/// A dialog's buttons: its confirmation (the children), then "Fechar".
#[component]
fn DialogActions(dialog: RwSignal<Dialog>, children: Children) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="form__actions">
            {children()}
            <button type="button" class="button button--quiet" on:click=move |_| dialog.set(Dialog::Closed)>
                {t!(i18n, orders.close)}
            </button>
        </div>
    }
}
