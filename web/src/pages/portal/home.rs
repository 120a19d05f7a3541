use leptos::prelude::*;

use super::orders::MyServiceOrders;
use super::programs::{BenefitsCard, LoyaltyCard};
use super::vehicles::VehicleHistory;
use super::workshop_picker::WorkshopPicker;
use crate::api::portal::{MyPortal, my_portal};
use crate::api::{ApiError, Area, request};
use crate::components::{AreaShell, ErrorNotice, Loading, first_error};
use crate::format::show_money;
use crate::i18n::{t, use_i18n};
use crate::pages::identity::GoogleLink;
use crate::pages::nps::PendingSurveys;
use crate::pages::scheduling::MyAppointmentsLink;
use crate::pages::{ChatLink, PrivacyLink};

/// `/cliente`: the customer portal's home: the workshop picker (with several workshops), the
/// orders in the shop now (live), the next appointments, each vehicle with its service history,
/// the money spent, and the loyalty and benefits places (`MyPortal`).
#[component]
pub fn PortalHomePage() -> impl IntoView {
    view! {
        <AreaShell area=Area::Customer>
            <main class="page">
                <WorkshopPicker />
                <MyHome />
                <ChatLink />
                <PrivacyLink />
                <GoogleLink />
            </main>
        </AreaShell>
    }
}

/// Everything `MyPortal` loads, with the live orders and appointments between the greeting and
/// the history.
#[component]
fn MyHome() -> impl IntoView {
    let i18n = use_i18n();
    let mine = LocalResource::new(|| request::<MyPortal>(my_portal::Variables));
    view! {
        <Transition fallback=|| view! { <Loading /> }>
            <ErrorBoundary fallback=move |errors| {
                let error = first_error(&errors.get());
                view! {
                    <h1>{t!(i18n, customer.title)}</h1>
                    {if error == ApiError::NotFound {
                        // A customer login whose customer record the workshop has not linked yet.
                        view! {
                            <div class="notice notice--error" role="alert">
                                <p>{t!(i18n, customer.not_linked)}</p>
                            </div>
                        }
                            .into_any()
                    } else {
                        view! { <ErrorNotice error retry=Callback::new(move |()| mine.refetch()) /> }
                            .into_any()
                    }}
                }
            }>
                {move || Suspend::new(async move {
                    mine.await
                        .map(|data| {
                            let me = data.my_customer;
                            let spent = me.total_spent_cents.unwrap_or_default();
                            view! {
                                <h1 data-test="my-name">{t!(i18n, customer.hello, name = me.name)}</h1>
                                <p class="lead" data-test="my-total-spent">
                                    {t!(i18n, customer.total_spent, amount = show_money(spent))}
                                </p>
                                <MyServiceOrders />
                                <MyAppointmentsLink />
                                <PendingSurveys />
                                <VehicleHistory vehicles=me.vehicles />
                                <LoyaltyCard loyalty=me.loyalty />
                                <BenefitsCard benefits=me.benefits />
                            }
                        })
                })}
            </ErrorBoundary>
        </Transition>
    }
}
