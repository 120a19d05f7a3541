//! The scheduling context's operations in `web/graphql/`, typed against the committed
//! `schema.graphql`: the customer's booking and appointments, the ADMIN's calendar settings and
//! the staff agenda.

use graphql_client::GraphQLQuery;
use serde::{Deserialize, Serialize};

use super::operations::{Date, DateTime, schema_enum};

schema_enum! {
    /// Where an appointment is in its life.
    AppointmentStatus {
        Booked = "BOOKED",
        Cancelled = "CANCELLED",
        Attended = "ATTENDED",
        NoShow = "NO_SHOW",
    }
}

schema_enum! {
    /// What happened to an appointment (`appointmentChanged`).
    AppointmentChange {
        Booked = "BOOKED",
        Rescheduled = "RESCHEDULED",
        Cancelled = "CANCELLED",
        Attended = "ATTENDED",
        NoShow = "NO_SHOW",
    }
}

// Customer booking and settings

/// `query AvailableDays`: the local days of a range with a free slot (the month calendar).
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/available_days.graphql",
    response_derives = "Debug, Clone, PartialEq"
)]
pub struct AvailableDays;

/// `query AvailableSlots`: the free slots of a local day.
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/available_slots.graphql",
    response_derives = "Debug, Clone, PartialEq"
)]
pub struct AvailableSlots;

/// `mutation BookAppointment`: a customer books a slot for one of their vehicles.
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/book_appointment.graphql",
    response_derives = "Debug, Clone, PartialEq",
    extern_enums("AppointmentStatus")
)]
pub struct BookAppointment;

/// `mutation CancelAppointment`.
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/cancel_appointment.graphql",
    response_derives = "Debug, Clone, PartialEq",
    extern_enums("AppointmentStatus")
)]
pub struct CancelAppointment;

/// `query MyAppointments` (CUSTOMER): their own appointments.
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/my_appointments.graphql",
    response_derives = "Debug, Clone, PartialEq",
    extern_enums("AppointmentStatus")
)]
pub struct MyAppointments;

/// `subscription MyAppointmentChanged` (CUSTOMER): each change of one of their appointments.
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/my_appointment_changed.graphql",
    response_derives = "Debug, Clone, PartialEq",
    extern_enums("AppointmentStatus", "AppointmentChange")
)]
pub struct MyAppointmentChanged;

/// `query CalendarSettings` (ADMIN, OPERATOR): the workshop's calendar.
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/calendar_settings.graphql",
    response_derives = "Debug, Clone, PartialEq"
)]
pub struct CalendarSettings;

/// `mutation UpdateCalendarSettings` (ADMIN): replaces the workshop's calendar.
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/update_calendar_settings.graphql",
    response_derives = "Debug, Clone, PartialEq"
)]
pub struct UpdateCalendarSettings;

// Staff agenda

/// `query AgendaAppointments` (staff): the appointments starting in a window, by start.
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/agenda.graphql",
    response_derives = "Debug, Clone, PartialEq",
    extern_enums("AppointmentStatus")
)]
pub struct AgendaAppointments;

/// `subscription AgendaAppointmentChanged` (staff): each change of the workshop's appointments.
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/agenda.graphql",
    response_derives = "Debug, Clone, PartialEq",
    extern_enums("AppointmentStatus")
)]
pub struct AgendaAppointmentChanged;

/// `query AgendaSlots`: the free slots of a local day.
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/agenda.graphql",
    response_derives = "Debug, Clone, PartialEq"
)]
pub struct AgendaSlots;

/// `query AgendaCustomers` (staff): customers matching a search, with their vehicles.
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/agenda.graphql",
    response_derives = "Debug, Clone, PartialEq"
)]
pub struct AgendaCustomers;

/// `query AgendaCustomerAppointments` (staff): a customer's booked appointments and no-shows.
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/agenda.graphql",
    response_derives = "Debug, Clone, PartialEq",
    extern_enums("AppointmentStatus")
)]
pub struct AgendaCustomerAppointments;

/// `mutation AgendaBook` (ADMIN, OPERATOR): books a vehicle into a free slot.
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/agenda.graphql",
    response_derives = "Debug, Clone, PartialEq",
    extern_enums("AppointmentStatus")
)]
pub struct AgendaBook;

/// `mutation AgendaReschedule` (ADMIN, OPERATOR): moves a booked appointment to a free slot.
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/agenda.graphql",
    response_derives = "Debug, Clone, PartialEq",
    extern_enums("AppointmentStatus")
)]
pub struct AgendaReschedule;

/// `mutation AgendaCancel` (ADMIN, OPERATOR): cancels a booked appointment.
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/agenda.graphql",
    response_derives = "Debug, Clone, PartialEq",
    extern_enums("AppointmentStatus")
)]
pub struct AgendaCancel;

/// `mutation AgendaMarkAttendance` (ADMIN, OPERATOR): the customer came, or did not.
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/agenda.graphql",
    response_derives = "Debug, Clone, PartialEq",
    extern_enums("AppointmentStatus")
)]
pub struct AgendaMarkAttendance;
