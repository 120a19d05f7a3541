//! The service form (`/painel/catalogo/servicos/novo`, `/painel/catalogo/servicos/:id`), with
//! the deactivation on the edit page.

use leptos::prelude::*;

use super::SERVICES_PATH;
use super::item::{
    Deactivation, ItemDraft, ItemFields, ItemFormActions, ItemPage, ItemValues, LoadedItem, WarrantyFields,
    route_item, use_item_save,
};
use crate::api::operations::{
    CreateService, DeactivateService, Service, UpdateService, create_service, deactivate_service, service,
    update_service,
};
use crate::api::{ApiError, request};
use crate::components::FormField;
use crate::format::{mask_four_digits, read_number};
use crate::i18n::{t, t_string, use_i18n};

/// The inputs of the form.
const FIELDS: &[&str] = &[
    "reference",
    "name",
    "priceCents",
    "estimatedMinutes",
    "warrantyDays",
    "warrantyKm",
    "revisionDays",
    "revisionKm",
];

/// What the service form holds.
#[derive(Clone, Copy)]
struct ServiceDraft {
    item: ItemDraft,
    minutes: RwSignal<String>,
    /// After how many days and km the car should come back (the order's suggested revision).
    revision_days: RwSignal<String>,
    revision_km: RwSignal<String>,
}

/// What the service form holds, read.
struct ServiceValues {
    item: ItemValues,
    minutes: Option<i64>,
    revision_days: Option<i64>,
    revision_km: Option<i64>,
}

impl ServiceDraft {
    /// An empty form.
    fn empty() -> Self {
        Self {
            item: ItemDraft::empty(),
            minutes: RwSignal::default(),
            revision_days: RwSignal::default(),
            revision_km: RwSignal::default(),
        }
    }

    /// The form filled with a service's saved data.
    fn of(service: &service::ServiceService) -> Self {
        Self {
            item: ItemDraft::of(
                service.reference.clone(),
                service.name.clone(),
                Some(service.price_cents),
                service.warranty_days,
                service.warranty_km,
            ),
            minutes: RwSignal::new(
                service.estimated_minutes.map(|minutes| minutes.to_string()).unwrap_or_default(),
            ),
            revision_days: RwSignal::new(service.revision_days.map(|d| d.to_string()).unwrap_or_default()),
            revision_km: RwSignal::new(service.revision_km.map(|km| km.to_string()).unwrap_or_default()),
        }
    }

    /// What the form holds.
    fn read(&self, invalid_price: &str) -> Result<ServiceValues, ApiError> {
        Ok(ServiceValues {
            item: self.item.read(invalid_price)?,
            minutes: read_number(&self.minutes.get_untracked()),
            revision_days: read_number(&self.revision_days.get_untracked()),
            revision_km: read_number(&self.revision_km.get_untracked()),
        })
    }
}

/// The `ServiceInput` of the operation module `$module` with `$values` (a [`ServiceValues`]).
macro_rules! service_input {
    ($module:ident, $values:expr) => {{
        let values: ServiceValues = $values;
        $module::ServiceInput {
            reference: values.item.reference,
            name: values.item.name,
            price_cents: values.item.price_cents,
            estimated_minutes: values.minutes,
            warranty_days: values.item.warranty_days,
            warranty_km: values.item.warranty_km,
            revision_days: values.revision_days,
            revision_km: values.revision_km,
        }
    }};
}

/// `/painel/catalogo/servicos/novo`: adds a service and shows it in the list.
#[component]
pub fn NewServicePage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <ItemPage
            back_href=SERVICES_PATH
            back_label=move || t!(i18n, catalog_form.back_to_services)
            title=move || t!(i18n, catalog_form.new_service)
        >
            <ServiceForm id=None draft=ServiceDraft::empty() />
        </ItemPage>
    }
}

/// `/painel/catalogo/servicos/:id`: changes a service's data, or deactivates it.
#[component]
pub fn EditServicePage() -> impl IntoView {
    let i18n = use_i18n();
    let loaded = route_item(|id| async move {
        request::<Service>(service::Variables { id }).await.map(|data| data.service)
    });
    view! {
        <ItemPage
            back_href=SERVICES_PATH
            back_label=move || t!(i18n, catalog_form.back_to_services)
            title=move || t!(i18n, catalog_form.edit_service)
        >
            <LoadedItem loaded form=|service| view! { <EditService service /> }.into_any() />
        </ItemPage>
    }
}

/// The form of a loaded service and its deactivation.
#[component]
fn EditService(service: service::ServiceService) -> impl IntoView {
    let id = service.id.clone();
    let deactivate = move || {
        let id = id.clone();
        async move { request::<DeactivateService>(deactivate_service::Variables { id }).await.map(drop) }
    };
    view! {
        <ServiceForm id=Some(service.id.clone()) draft=ServiceDraft::of(&service) />
        <Deactivation name=service.name active=service.active deactivate list_href=SERVICES_PATH />
    }
}

/// The service form; `id` is the service being edited (`None` adds one).
#[component]
fn ServiceForm(id: Option<String>, draft: ServiceDraft) -> impl IntoView {
    let i18n = use_i18n();
    let save = use_item_save(SERVICES_PATH, move || {
        let values = draft.read(t_string!(i18n, catalog_form.invalid_price))?;
        let reference = values.item.reference.clone();
        let id = id.clone();
        Ok((reference, async move {
            match id {
                Some(id) => {
                    let input = service_input!(update_service, values);
                    request::<UpdateService>(update_service::Variables { id, input }).await.map(drop)
                }
                None => {
                    let input = service_input!(create_service, values);
                    request::<CreateService>(create_service::Variables { input }).await.map(drop)
                }
            }
        }))
    });
    let pending = save.pending();
    let error = save.error();

    view! {
        <form class="form form--wide" data-test="service-form" novalidate on:submit=save.on_submit()>
            <div class="grid">
                <ItemFields draft=draft.item error />
                <FormField
                    name="estimatedMinutes"
                    label=move || t!(i18n, catalog_form.estimated_minutes)
                    value=draft.minutes
                    error
                    inputmode="numeric"
                    mask=mask_four_digits
                />
                <WarrantyFields draft=draft.item error />
                <FormField
                    name="revisionDays"
                    label=move || t!(i18n, catalog_form.revision_days)
                    value=draft.revision_days
                    error
                    inputmode="numeric"
                />
                <FormField
                    name="revisionKm"
                    label=move || t!(i18n, catalog_form.revision_km)
                    value=draft.revision_km
                    error
                    inputmode="numeric"
                />
            </div>
            <ItemFormActions
                fields=FIELDS
                error
                pending
                save_label=move || t!(i18n, catalog_form.save_service)
                cancel_href=SERVICES_PATH
            />
        </form>
    }
}
