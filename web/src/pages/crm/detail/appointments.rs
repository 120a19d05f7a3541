//! The customer's appointments on the 360 page: how often they did not come ("faltas: N"), their
//! booked appointments from now on (each with the agenda's actions) and "Agendar" (the agenda's
//! booking dialog, for this customer).

use leptos::prelude::*;

use crate::api::scheduling::{AgendaCustomerAppointments, agenda_customer_appointments};
use crate::api::{ApiError, request};
use crate::components::Loaded;
use crate::i18n::{t, use_i18n};
use crate::pages::crm::can_edit;
use crate::pages::scheduling::{
    AgendaDialog, AgendaDialogs, Appointment, AppointmentCard, BookCustomer, Day,
};

/// A customer's no-show count and booked appointments from now on.
async fn load(id: String) -> Result<(i64, Vec<Appointment>), ApiError> {
    let found = request::<AgendaCustomerAppointments>(agenda_customer_appointments::Variables { id }).await?;
    let customer = found.customer;
    Ok((customer.no_show_count, customer.upcoming_appointments.into_iter().map(Appointment::from).collect()))
}

/// "Agendamentos": the count of no-shows, the booked appointments and, for those who may edit,
/// "Agendar".
#[component]
pub(super) fn AppointmentsSection(
    /// The customer, with their vehicles, as the booking dialog needs them.
    customer: BookCustomer,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = customer.id.clone();
    let loaded = LocalResource::new(move || load(id.clone()));
    let dialog = RwSignal::new(AgendaDialog::Closed);
    let on_changed = Callback::new(move |_: Appointment| loaded.refetch());
    let customer = StoredValue::new(customer);
    view! {
        <section class="card" data-test="customer-appointments">
            <div class="section-head">
                <h2>{t!(i18n, agenda.customer_title)}</h2>
                <Show when=can_edit>
                    <button
                        type="button"
                        class="button"
                        data-test="book-for-customer"
                        on:click=move |_| {
                            let customer = Some(customer.get_value());
                            dialog.set(AgendaDialog::Book { customer, day: Day::today() });
                        }
                    >
                        {t!(i18n, agenda.book_for_customer)}
                    </button>
                </Show>
            </div>
            <AgendaDialogs dialog on_changed />
            <Loaded
                resource=loaded
                show=move |(no_shows, upcoming): (i64, Vec<Appointment>)| {
                    view! {
                        <p class="muted" data-test="no-show-count">
                            {t!(i18n, agenda.no_show_count, count = no_shows)}
                        </p>
                        {if upcoming.is_empty() {
                            view! { <p class="empty">{t!(i18n, agenda.customer_none)}</p> }.into_any()
                        } else {
                            upcoming
                                .into_iter()
                                .map(|appointment| {
                                    view! {
                                        <AppointmentCard appointment fresh=false dialog on_changed dated=true />
                                    }
                                })
                                .collect_view()
                                .into_any()
                        }}
                    }
                }
            />
        </section>
    }
}
