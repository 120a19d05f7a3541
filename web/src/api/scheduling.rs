//! The scheduling context's operations, typed against the committed `schema.graphql`: the
//! customer's booking pages and the staff agenda, each in its section.

use graphql_client::GraphQLQuery;
use serde::{Deserialize, Serialize};

use super::operations::{Date, DateTime};

// Staff agenda

/// Where an appointment is in its life (the schema's `AppointmentStatus`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum AppointmentStatus {
    /// Booked, not marked yet.
    Booked,
    /// Cancelled by the customer or the workshop.
    Cancelled,
    /// The customer came.
    Attended,
    /// The customer did not come.
    NoShow,
    /// A status this version of the app does not know yet.
    #[serde(other)]
    Unknown,
}

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
