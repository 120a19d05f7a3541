use leptos::prelude::*;

use super::orders::MyServiceOrders;
use crate::api::operations::{MyCustomer, my_customer};
use crate::api::{ApiError, Area, request};
use crate::components::{AreaShell, ErrorNotice, Loading, first_error};
use crate::format::show_plate;
use crate::i18n::{t, use_i18n};
use crate::pages::scheduling::MyAppointmentsLink;

/// `/cliente`: the customer portal's home: the customer's name and vehicles (`myCustomer`), their
/// service orders (the one in the shop live), the way to book a visit, and what will come.
#[component]
pub fn PortalHomePage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <AreaShell area=Area::Customer>
            <main class="page">
                <MyRecord />
                <MyAppointmentsLink />
                <crate::pages::nps::PendingSurveys />
                <MyServiceOrders />
                <section class="placeholder">
                    <h2>{t!(i18n, customer.coming_title)}</h2>
                    <ul>
                        <li>{t!(i18n, customer.loyalty)}</li>
                    </ul>
                </section>
            </main>
        </AreaShell>
    }
}

/// The signed-in customer's name and vehicles.
#[component]
fn MyRecord() -> impl IntoView {
    let i18n = use_i18n();
    let mine = LocalResource::new(|| request::<MyCustomer>(my_customer::Variables));
    view! {
        <Suspense fallback=|| view! { <Loading /> }>
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
                            view! {
                                <h1 data-test="my-name">{t!(i18n, customer.hello, name = me.name)}</h1>
                                <section class="card">
                                    <h2>{t!(i18n, customer.vehicles)}</h2>
                                    {if me.vehicles.is_empty() {
                                        view! { <p class="empty">{t!(i18n, customer.no_vehicles)}</p> }
                                            .into_any()
                                    } else {
                                        view! {
                                            <ul class="vehicle-list">
                                                {me
                                                    .vehicles
                                                    .into_iter()
                                                    .map(|vehicle| {
                                                        view! {
                                                            <li class="vehicle-row" data-test="my-vehicle">
                                                                <div class="vehicle-row__main">
                                                                    <span class="plate">{show_plate(&vehicle.plate)}</span>
                                                                    <span class="vehicle-row__name">
                                                                        {format!(
                                                                            "{} {} {}",
                                                                            vehicle.brand,
                                                                            vehicle.model,
                                                                            vehicle.year,
                                                                        )}
                                                                    </span>
                                                                </div>
                                                            </li>
                                                        }
                                                    })
                                                    .collect_view()}
                                            </ul>
                                        }
                                            .into_any()
                                    }}
                                </section>
                            }
                        })
                })}
            </ErrorBoundary>
        </Suspense>
    }
}
