//! The LGPD sections of the customer's 360 page: "Consentimentos" (the toggles and the log) with
//! "Exportar dados (LGPD)" for the front desk, and "Acessos aos dados" for an ADMIN. A MECHANIC
//! sees none of them.

use leptos::prelude::*;

use super::access_log::AccessLogSection;
use super::consents::{ConsentPanel, Consents};
use super::export::ExportButton;
use crate::api::privacy::{
    ConsentChannel, CustomerConsents, ExportCustomerData, SetCustomerConsent, customer_consents,
    export_customer_data, set_customer_consent,
};
use crate::api::{ApiError, Role, Session, request};
use crate::components::Loaded;
use crate::i18n::{t, use_i18n};

/// The sections for customer `id`, as the signed-in role may see them.
#[component]
pub fn CustomerPrivacySections(id: String) -> impl IntoView {
    let session = Session::expect();
    let role = move || session.user().map(|user| user.role);
    let front_desk = move || role().is_some_and(Role::is_front_desk);
    let admin = move || role() == Some(Role::Admin);
    let consents_id = id.clone();
    view! {
        <Show when=front_desk>
            <ConsentsSection id=consents_id.clone() />
        </Show>
        <Show when=admin>
            <AccessLogSection id=id.clone() />
        </Show>
    }
}

/// "Consentimentos": the toggles, the log and the export button.
#[component]
fn ConsentsSection(id: String) -> impl IntoView {
    let i18n = use_i18n();
    let id = StoredValue::new(id);
    let loaded = LocalResource::new(move || {
        let id = id.get_value();
        async move {
            let found = request::<CustomerConsents>(customer_consents::Variables { id }).await?;
            Ok::<_, ApiError>(Consents::from(found.customer))
        }
    });
    let change = Action::new_local(move |(channel, granted): &(ConsentChannel, bool)| {
        let variables =
            set_customer_consent::Variables { id: id.get_value(), channel: *channel, granted: *granted };
        async move {
            request::<SetCustomerConsent>(variables).await?;
            loaded.refetch();
            Ok::<(), ApiError>(())
        }
    });
    let export = move || {
        let variables = export_customer_data::Variables { id: id.get_value() };
        async move {
            let link = request::<ExportCustomerData>(variables).await?.export_customer_data;
            Ok::<_, ApiError>((link.url, link.expires_at))
        }
    };
    view! {
        <section class="card" data-test="customer-consents">
            <div class="section-head">
                <h2>{t!(i18n, privacy.consents_title)}</h2>
            </div>
            <Loaded
                resource=loaded
                show=move |consents: Consents| view! { <ConsentPanel consents editable=true change /> }
            />
            <h3>{t!(i18n, privacy.staff_export_title)}</h3>
            <p class="muted">{t!(i18n, privacy.staff_export_lead)}</p>
            <ExportButton
                label=move || t!(i18n, privacy.staff_export)
                export
                data_test="export-customer-data"
            />
        </section>
    }
}
