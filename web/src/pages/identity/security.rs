//! `/painel/seguranca`: the signed-in staff member's MFA (enrol with a QR code, the recovery
//! codes shown once, turn it off), the ADMIN's "require MFA of the staff" switch, and the
//! sign-in history (its own file), and linking Google.

use leptos::prelude::*;

use super::google::GoogleLink;
use super::sign_in_history::History;
use crate::api::security::{
    ConfirmTotpEnrolment, DisableTotp, MfaStatus, SetMfaRequired, StartTotpEnrolment, confirm_totp_enrolment,
    disable_totp, mfa_status, set_mfa_required, start_totp_enrolment,
};
use crate::api::{ApiError, Role, Session, request};
use crate::components::{FormError, FormField, Loaded, SubmitButton, use_form_submit};
use crate::i18n::{error_message, t, use_i18n};

/// The inputs of the code forms, by their GraphQL names.
const FIELDS: &[&str] = &["code"];

/// The security page.
#[component]
pub fn SecurityPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = Session::expect();
    let is_admin = move || session.user().is_some_and(|user| user.role == Role::Admin);
    let status = LocalResource::new(|| request::<MfaStatus>(mfa_status::Variables));
    view! {
        <h1>{t!(i18n, security.title)}</h1>
        <section class="card" data-test="mfa">
            <h2>{t!(i18n, security.mfa_title)}</h2>
            <p>{t!(i18n, security.mfa_lead)}</p>
            <Loaded
                resource=status
                show=move |data: mfa_status::ResponseData| {
                    let state = data.mfa_status;
                    view! {
                        <Show when=move || state.must_enrol>
                            <div class="notice notice--error" role="alert">
                                <p>{t!(i18n, security.must_enrol)}</p>
                            </div>
                        </Show>
                        {if state.enabled {
                            view! { <DisableForm on_done=Callback::new(move |()| status.refetch()) /> }
                                .into_any()
                        } else {
                            view! { <Enrolment /> }.into_any()
                        }}
                        <Show when=is_admin>
                            <RequireSwitch required=state.required />
                        </Show>
                    }
                }
            />
        </section>
        <GoogleLink />
        <History />
    }
}

/// Starting an enrolment, its QR code and confirmation code, then the recovery codes.
#[component]
fn Enrolment() -> impl IntoView {
    let i18n = use_i18n();
    let started = RwSignal::new(None::<start_totp_enrolment::StartTotpEnrolmentStartTotpEnrolment>);
    let codes = RwSignal::new(None::<Vec<String>>);
    let start = Action::new_local(move |_: &()| async move {
        let data = request::<StartTotpEnrolment>(start_totp_enrolment::Variables).await?;
        started.set(Some(data.start_totp_enrolment));
        Ok::<(), ApiError>(())
    });
    let start_error = move || start.value().get().and_then(Result::err);
    let code = RwSignal::new(String::new());
    let confirm = use_form_submit(move |_: &()| {
        let variables = confirm_totp_enrolment::Variables { code: code.get_untracked() };
        async move {
            let data = request::<ConfirmTotpEnrolment>(variables).await?;
            codes.set(Some(data.confirm_totp_enrolment.recovery_codes));
            Ok::<(), ApiError>(())
        }
    });
    let pending = confirm.pending();
    let error = confirm.error();
    move || {
        if let Some(list) = codes.get() {
            return view! { <RecoveryCodes codes=list /> }.into_any();
        }
        match started.get() {
            None => view! {
                <button
                    type="button"
                    class="button"
                    data-test="mfa-start"
                    disabled=start.pending()
                    on:click=move |_| {
                        start.dispatch(());
                    }
                >
                    {t!(i18n, security.enable)}
                </button>
                {move || start_error().map(|e| view! { <p class="form-error" role="alert">{error_message(&e)}</p> })}
            }
            .into_any(),
            Some(enrolment) => view! {
                <p>{t!(i18n, security.scan)}</p>
                <div class="qr-code" data-test="mfa-qr" inner_html=qr_svg(&enrolment.otpauth_uri)></div>
                <p class="hint">
                    {t!(i18n, security.secret)} " " <code data-test="mfa-secret">{enrolment.secret}</code>
                </p>
                <form class="form" novalidate on:submit=confirm.on_submit()>
                    <FormField
                        name="code"
                        label=move || t!(i18n, security.code)
                        value=code
                        error
                        autocomplete="one-time-code"
                        inputmode="numeric"
                    />
                    <FormError error fields=FIELDS />
                    <SubmitButton
                        pending
                        label=move || t!(i18n, security.confirm)
                        pending_label=move || t!(i18n, security.saving)
                    />
                </form>
            }
            .into_any(),
        }
    }
}

/// The otpauth URI as an SVG QR code, drawn here (nothing leaves the browser).
fn qr_svg(uri: &str) -> String {
    qrcode::QrCode::new(uri.as_bytes())
        .map(|code| code.render::<qrcode::render::svg::Color>().min_dimensions(200, 200).build())
        .unwrap_or_default()
}

/// The recovery codes, shown this once.
#[component]
fn RecoveryCodes(codes: Vec<String>) -> impl IntoView {
    let i18n = use_i18n();
    let print = move |_| {
        let _ = window().print();
    };
    view! {
        <div class="notice" role="status" data-test="mfa-recovery">
            <p>{t!(i18n, security.enabled_now)}</p>
            <p>{t!(i18n, security.recovery_hint)}</p>
            <ul class="recovery-codes">
                {codes.into_iter().map(|code| view! { <li><code>{code}</code></li> }).collect_view()}
            </ul>
            <button type="button" class="button" on:click=print>
                {t!(i18n, security.print)}
            </button>
        </div>
    }
}

/// Turning MFA off with a current code or a recovery code.
#[component]
fn DisableForm(on_done: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let code = RwSignal::new(String::new());
    let disable = use_form_submit(move |_: &()| {
        let variables = disable_totp::Variables { code: code.get_untracked() };
        async move {
            request::<DisableTotp>(variables).await?;
            on_done.run(());
            Ok::<(), ApiError>(())
        }
    });
    let pending = disable.pending();
    let error = disable.error();
    view! {
        <p class="badge" data-test="mfa-on">{t!(i18n, security.is_on)}</p>
        <form class="form" novalidate on:submit=disable.on_submit()>
            <FormField
                name="code"
                label=move || t!(i18n, security.disable_code)
                value=code
                error
                autocomplete="one-time-code"
            />
            <FormError error fields=FIELDS />
            <SubmitButton
                pending
                label=move || t!(i18n, security.disable)
                pending_label=move || t!(i18n, security.saving)
            />
        </form>
    }
}

/// ADMIN: "exigir MFA da equipe".
#[component]
fn RequireSwitch(required: bool) -> impl IntoView {
    let i18n = use_i18n();
    let checked = RwSignal::new(required);
    let save = Action::new_local(move |required: &bool| {
        let variables = set_mfa_required::Variables { required: *required };
        async move {
            let data = request::<SetMfaRequired>(variables).await?;
            checked.set(data.set_mfa_required.mfa_required);
            Ok::<(), ApiError>(())
        }
    });
    let failed = move || save.value().get().and_then(Result::err);
    view! {
        <div class="field field--checkbox">
            <input
                id="mfa-required"
                type="checkbox"
                data-test="mfa-required"
                prop:checked=checked
                disabled=save.pending()
                on:change=move |event| {
                    save.dispatch(event_target_checked(&event));
                }
            />
            <label for="mfa-required">{t!(i18n, security.require)}</label>
        </div>
        {move || failed().map(|e| view! { <p class="form-error" role="alert">{error_message(&e)}</p> })}
    }
}
