//! Translations: the `i18n` module that leptos_i18n generates from `web/locales/*.json` (pt-BR
//! first, English second), the language choice kept in localStorage, and the words for roles and
//! errors.

use leptos::prelude::*;
use leptos_i18n::Locale as _;

use crate::api::loyalty::LoyaltyProgramKind;
use crate::api::operations::{
    AddressKind, CustomerKind, Fuel, PaymentMethod, PhoneKind, ServiceOrderStatus, Unit, VehicleKind,
};
use crate::api::scheduling::AppointmentStatus;
use crate::api::{ApiError, Role, set_language};
use crate::format::date_parts;

#[expect(
    deprecated,
    reason = "leptos_i18n 0.6 prefers a build.rs with leptos_i18n_build; the macro reads the same \
              [package.metadata.leptos-i18n] and needs no extra crate"
)]
mod generated {
    leptos_i18n::load_locales!();
}

pub use generated::i18n::{I18nContextProvider, Locale, t, t_string, td_string, use_i18n};

/// The localStorage key that keeps the chosen language.
const STORAGE_KEY: &str = "oficina.locale";

/// Switches to the language saved in localStorage (pt-BR when none is saved), saves every later
/// change and sends the language with every request to the server (`Accept-Language`). Call
/// once, below `I18nContextProvider`, before any request.
pub fn persist_locale() {
    let i18n = use_i18n();
    let storage = window().local_storage().ok().flatten();
    let saved = storage.as_ref().and_then(|storage| storage.get_item(STORAGE_KEY).ok().flatten());
    let saved = match saved.as_deref() {
        Some("en") => Locale::en,
        _ => Locale::pt_BR,
    };
    // The first requests (who is signed in) go out before the effect below first runs.
    set_language(saved.as_str());
    let mut restore = Some(saved);
    // An effect, not a plain call: the context's own first effect sets the browser's language,
    // and effects first run in the order they were made, so this one comes after it.
    Effect::new(move |_| {
        if let Some(locale) = restore.take() {
            i18n.set_locale(locale);
        }
        let locale = i18n.get_locale();
        set_language(locale.as_str());
        if let Some(storage) = &storage {
            // Not being able to save the choice (private mode, full storage) only loses it on reload.
            let _ = storage.set_item(STORAGE_KEY, locale.as_str());
        }
    });
}

/// The other language, the one the language toggle switches to.
pub fn other_locale(locale: Locale) -> Locale {
    match locale {
        Locale::pt_BR => Locale::en,
        Locale::en => Locale::pt_BR,
    }
}

/// The name of `role` in the current language.
pub fn role_name(role: Role) -> &'static str {
    let i18n = use_i18n();
    match role {
        Role::Admin => t_string!(i18n, roles.admin),
        Role::Operator => t_string!(i18n, roles.operator),
        Role::Mechanic => t_string!(i18n, roles.mechanic),
        Role::Customer => t_string!(i18n, roles.customer),
        Role::Partner => t_string!(i18n, roles.partner),
        Role::Unknown => t_string!(i18n, roles.unknown),
    }
}

/// The name of a phone's kind in the current language.
pub fn phone_kind_name(kind: PhoneKind) -> &'static str {
    let i18n = use_i18n();
    match kind {
        PhoneKind::Mobile => t_string!(i18n, kinds.phone_mobile),
        PhoneKind::Home => t_string!(i18n, kinds.phone_home),
        PhoneKind::Work => t_string!(i18n, kinds.phone_work),
        PhoneKind::Whatsapp => t_string!(i18n, kinds.phone_whatsapp),
        PhoneKind::Unknown => t_string!(i18n, kinds.unknown),
    }
}

/// The name of an address's kind in the current language.
pub fn address_kind_name(kind: AddressKind) -> &'static str {
    let i18n = use_i18n();
    match kind {
        AddressKind::Home => t_string!(i18n, kinds.address_home),
        AddressKind::Work => t_string!(i18n, kinds.address_work),
        AddressKind::Billing => t_string!(i18n, kinds.address_billing),
        AddressKind::Other => t_string!(i18n, kinds.address_other),
        AddressKind::Unknown => t_string!(i18n, kinds.unknown),
    }
}

/// The name of a vehicle's kind in the current language.
pub fn vehicle_kind_name(kind: VehicleKind) -> &'static str {
    let i18n = use_i18n();
    match kind {
        VehicleKind::Car => t_string!(i18n, kinds.vehicle_car),
        VehicleKind::Motorcycle => t_string!(i18n, kinds.vehicle_motorcycle),
        VehicleKind::Truck => t_string!(i18n, kinds.vehicle_truck),
        VehicleKind::Unknown => t_string!(i18n, kinds.unknown),
    }
}

/// The name of a loyalty program's kind in the current language.
pub fn loyalty_kind_name(kind: LoyaltyProgramKind) -> &'static str {
    let i18n = use_i18n();
    match kind {
        LoyaltyProgramKind::Points => t_string!(i18n, loyalty.kind_points),
        LoyaltyProgramKind::Visits => t_string!(i18n, loyalty.kind_visits),
        LoyaltyProgramKind::Unknown => t_string!(i18n, kinds.unknown),
    }
}

/// The name of a fuel in the current language.
pub fn fuel_name(fuel: Fuel) -> &'static str {
    let i18n = use_i18n();
    match fuel {
        Fuel::Gasoline => t_string!(i18n, kinds.fuel_gasoline),
        Fuel::Ethanol => t_string!(i18n, kinds.fuel_ethanol),
        Fuel::Flex => t_string!(i18n, kinds.fuel_flex),
        Fuel::Diesel => t_string!(i18n, kinds.fuel_diesel),
        Fuel::Cng => t_string!(i18n, kinds.fuel_cng),
        Fuel::Electric => t_string!(i18n, kinds.fuel_electric),
        Fuel::Hybrid => t_string!(i18n, kinds.fuel_hybrid),
        Fuel::Unknown => t_string!(i18n, kinds.unknown),
    }
}

/// The name of a unit of measure, with its code, in the current language: "Litro (L)".
pub fn unit_name(unit: Unit) -> &'static str {
    let i18n = use_i18n();
    match unit {
        Unit::Un => t_string!(i18n, kinds.unit_un),
        Unit::Pc => t_string!(i18n, kinds.unit_pc),
        Unit::L => t_string!(i18n, kinds.unit_l),
        Unit::Kg => t_string!(i18n, kinds.unit_kg),
        Unit::M => t_string!(i18n, kinds.unit_m),
        Unit::Jg => t_string!(i18n, kinds.unit_jg),
        Unit::Kit => t_string!(i18n, kinds.unit_kit),
        Unit::Unknown => t_string!(i18n, kinds.unknown),
    }
}

/// "Pessoa física" or "Pessoa jurídica" in the current language.
pub fn customer_kind_name(kind: CustomerKind) -> &'static str {
    let i18n = use_i18n();
    match kind {
        CustomerKind::Person => t_string!(i18n, kinds.customer_person),
        CustomerKind::Company => t_string!(i18n, kinds.customer_company),
        CustomerKind::Unknown => t_string!(i18n, kinds.unknown),
    }
}

/// The name of a service order's status in the current language.
pub fn service_order_status_name(status: ServiceOrderStatus) -> &'static str {
    service_order_status_in(use_i18n().get_locale(), status)
}

/// The name of a service order's status in `locale` (a message for the customer is in
/// Portuguese whatever the app's language).
pub fn service_order_status_in(locale: Locale, status: ServiceOrderStatus) -> &'static str {
    match status {
        ServiceOrderStatus::Quote => td_string!(locale, kinds.status_quote),
        ServiceOrderStatus::InProgress => td_string!(locale, kinds.status_in_progress),
        ServiceOrderStatus::Cancelled => td_string!(locale, kinds.status_cancelled),
        ServiceOrderStatus::Finished => td_string!(locale, kinds.status_finished),
        ServiceOrderStatus::Unknown => td_string!(locale, kinds.unknown),
    }
}

/// The name of an appointment's status in the current language.
pub fn appointment_status_name(status: AppointmentStatus) -> &'static str {
    let i18n = use_i18n();
    match status {
        AppointmentStatus::Booked => t_string!(i18n, kinds.appointment_booked),
        AppointmentStatus::Cancelled => t_string!(i18n, kinds.appointment_cancelled),
        AppointmentStatus::Attended => t_string!(i18n, kinds.appointment_attended),
        AppointmentStatus::NoShow => t_string!(i18n, kinds.appointment_no_show),
        AppointmentStatus::Unknown => t_string!(i18n, kinds.unknown),
    }
}

/// The name of a payment method in the current language.
pub fn payment_method_name(method: PaymentMethod) -> &'static str {
    let i18n = use_i18n();
    match method {
        PaymentMethod::Cash => t_string!(i18n, kinds.payment_cash),
        PaymentMethod::Pix => t_string!(i18n, kinds.payment_pix),
        PaymentMethod::CreditCard => t_string!(i18n, kinds.payment_credit_card),
        PaymentMethod::DebitCard => t_string!(i18n, kinds.payment_debit_card),
        PaymentMethod::Boleto => t_string!(i18n, kinds.payment_boleto),
        PaymentMethod::Barter => t_string!(i18n, kinds.payment_barter),
        PaymentMethod::Unknown => t_string!(i18n, kinds.unknown),
    }
}

/// A `Date` or the (UTC) day of a `DateTime` as people write it in the current language:
/// `12/04/1990` in Portuguese, `1990-04-12` in English; the text itself when it does not read as
/// a date.
pub fn date_text(text: &str) -> String {
    let i18n = use_i18n();
    match (date_parts(text), i18n.get_locale()) {
        (Some((year, month, day)), Locale::pt_BR) => format!("{day}/{month}/{year}"),
        (Some((year, month, day)), Locale::en) => format!("{year}-{month}-{day}"),
        (None, _) => text.to_owned(),
    }
}

/// A `DateTime` as its day ([`date_text`]) and its UTC time: `12/04/2026 13:45 UTC`.
pub fn date_time_text(text: &str) -> String {
    format!("{} {} UTC", date_text(text), text.get(11..16).unwrap_or_default())
}

/// What to tell the person about `error` in the current language: the server's own sentence for
/// BAD_USER_INPUT, a translated message chosen by the code otherwise.
pub fn error_message(error: &ApiError) -> String {
    let i18n = use_i18n();
    match error {
        ApiError::BadUserInput { message, .. } if !message.is_empty() => message.clone(),
        ApiError::BadUserInput { .. } => t_string!(i18n, errors.bad_user_input).to_owned(),
        ApiError::Unauthenticated => t_string!(i18n, errors.unauthenticated).to_owned(),
        ApiError::Forbidden => t_string!(i18n, errors.forbidden).to_owned(),
        ApiError::NotFound => t_string!(i18n, errors.not_found).to_owned(),
        ApiError::Conflict { .. } => t_string!(i18n, errors.conflict).to_owned(),
        ApiError::RateLimited => t_string!(i18n, errors.rate_limited).to_owned(),
        ApiError::MfaRequired { .. } => t_string!(i18n, errors.mfa_required).to_owned(),
        ApiError::MfaEnrolmentRequired => t_string!(i18n, errors.mfa_enrolment_required).to_owned(),
        ApiError::Internal => t_string!(i18n, errors.internal).to_owned(),
        ApiError::Network => t_string!(i18n, errors.network).to_owned(),
    }
}
