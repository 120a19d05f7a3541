//! The customer's 360 page (`/painel/clientes/:id`), one file per part of it: the head with the
//! invitation, the history, the data and contacts, the vehicles (their form and their transfer),
//! the appointments, and the LGPD sections (consents, data export, access log).

mod appointments;
mod contacts;
mod erase;
mod header;
mod history;
mod invite;
mod transfer;
mod vehicle_form;
mod vehicles;

use leptos::prelude::*;
use leptos_router::components::A;

use self::appointments::AppointmentsSection;
use self::contacts::{CustomerContacts, CustomerFacts};
use self::erase::EraseSection;
use self::header::CustomerHeader;
use self::history::{HistoryStats, ServiceOrders};
use self::vehicle_form::VehicleData;
use self::vehicles::VehiclesSection;
use super::route_customer;
use crate::api::operations::customer;
use crate::components::{ErrorNotice, Loading, first_error};
use crate::i18n::{t, use_i18n};
use crate::pages::CustomerPrivacySections;
use crate::pages::loyalty::CustomerLoyaltyCard;
use crate::pages::scheduling::{BookCustomer, BookVehicle};

/// What the vehicles section shows besides the list.
#[derive(Debug, Clone, PartialEq, Eq)]
enum VehiclePanel {
    /// Nothing open.
    Closed,
    /// The form that adds a vehicle.
    Adding,
    /// The form that edits the vehicle with this id.
    Editing(String),
    /// The transfer of the vehicle with this id.
    Transferring(String),
}

/// What the page tells after a change to the vehicles.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Notice {
    /// The vehicle with this plate was saved.
    VehicleSaved(String),
    /// The vehicle with this plate went to the customer with this name.
    VehicleTransferred(String, String),
}

/// `/painel/clientes/:id`: the customer's 360 page: data, contacts, vehicles (add, edit,
/// transfer), spend, visits, service orders, appointments (and "Agendar") and the invitation to
/// the customer portal; for an ADMIN, the LGPD erasure. A MECHANIC sees it read-only.
#[component]
pub fn CustomerDetailPage() -> impl IntoView {
    let i18n = use_i18n();
    let (id, loaded) = route_customer();
    let panel = RwSignal::new(VehiclePanel::Closed);
    let notice = RwSignal::new(None::<Notice>);
    // Another customer (the plate search, the back button) starts with nothing open.
    Effect::watch(
        move || id.get(),
        move |_, _, _| {
            panel.set(VehiclePanel::Closed);
            notice.set(None);
        },
        false,
    );
    let reload = Callback::new(move |()| loaded.refetch());

    view! {
        <A href="/painel/clientes" attr:class="back-link">
            {t!(i18n, customer_page.back_to_list)}
        </A>
        <Transition fallback=|| view! { <Loading /> }>
            <ErrorBoundary fallback=move |errors| {
                view! { <ErrorNotice error=first_error(&errors.get()) retry=reload /> }
            }>
                {move || Suspend::new(async move {
                    loaded.await.map(|customer| view! { <CustomerView customer panel notice reload /> })
                })}
            </ErrorBoundary>
        </Transition>
    }
}

/// The loaded customer.
#[component]
fn CustomerView(
    customer: customer::CustomerCustomer,
    panel: RwSignal<VehiclePanel>,
    notice: RwSignal<Option<Notice>>,
    reload: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let first_email = customer.emails.first().cloned();
    let customer_id = customer.id.clone();
    let booking = BookCustomer {
        id: customer.id.clone(),
        name: customer.name.clone(),
        vehicles: customer
            .vehicles
            .iter()
            .map(|vehicle| {
                BookVehicle::new(vehicle.id.clone(), &vehicle.plate, &vehicle.brand, &vehicle.model)
            })
            .collect(),
    };
    let loyalty_id = customer.id.clone();
    let vehicles: Vec<VehicleData> = customer.vehicles.into_iter().map(VehicleData::from).collect();
    let (erase_id, erase_name) = (customer.id.clone(), customer.name.clone());
    view! {
        <CustomerHeader id=customer.id.clone() name=customer.name kind=customer.kind first_email />
        {move || {
            notice
                .get()
                .map(|notice| {
                    let text = match notice {
                        Notice::VehicleSaved(plate) => {
                            t!(i18n, customer_page.vehicle_saved, plate = plate).into_any()
                        }
                        Notice::VehicleTransferred(plate, name) => {
                            t!(i18n, customer_page.vehicle_transferred, plate = plate, name = name).into_any()
                        }
                    };
                    view! {
                        <p class="notice notice--success" role="status" data-test="customer-notice">
                            {text}
                        </p>
                    }
                })
        }}
        <HistoryStats
            total_spent=customer.total_spent_cents
            visits=customer.visit_count
            last_visit=customer.last_visit_at
        />
        <CustomerFacts
            kind=customer.kind
            document=customer.document
            rg=customer.rg
            birth_date=customer.birth_date
            consent=customer.marketing_consent
        />
        <CustomerContacts emails=customer.emails phones=customer.phones addresses=customer.addresses />
        <VehiclesSection owner_id=customer.id vehicles panel notice reload />
        <AppointmentsSection customer=booking />
        <CustomerLoyaltyCard customer_id=loyalty_id />
        <ServiceOrders orders=customer.service_orders />
        <EraseSection id=erase_id name=erase_name erased_at=customer.erased_at on_erased=reload />
        <CustomerPrivacySections id=customer_id />
    }
}
