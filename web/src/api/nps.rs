//! The NPS context's operations in `web/graphql/nps.graphql`, typed against the committed
//! `schema.graphql`: the survey (from the portal and from the e-mailed link), the portal's
//! pending surveys, the ADMIN's report and review link.

use graphql_client::GraphQLQuery;

use super::operations::{Date, DateTime, ServiceOrderStatus};

/// `query NpsPending` (CUSTOMER): finished orders of the last 30 days still to rate.
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/nps.graphql",
    response_derives = "Debug, Clone, PartialEq"
)]
pub struct NpsPending;

/// `query NpsPortalSurvey` (CUSTOMER): one of their orders and whether its survey is pending.
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/nps.graphql",
    response_derives = "Debug, Clone, PartialEq",
    extern_enums("ServiceOrderStatus")
)]
pub struct NpsPortalSurvey;

/// `mutation NpsPortalAnswer` (CUSTOMER): answers the survey of their finished order.
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/nps.graphql",
    response_derives = "Debug, Clone, PartialEq"
)]
pub struct NpsPortalAnswer;

/// `query NpsLinkSurvey` (anyone with the e-mailed link).
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/nps.graphql",
    response_derives = "Debug, Clone, PartialEq"
)]
pub struct NpsLinkSurvey;

/// `mutation NpsLinkAnswer` (anyone with the e-mailed link).
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/nps.graphql",
    response_derives = "Debug, Clone, PartialEq"
)]
pub struct NpsLinkAnswer;

/// `query NpsReportView` (ADMIN): the NPS of a period.
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/nps.graphql",
    response_derives = "Debug, Clone, PartialEq"
)]
pub struct NpsReportView;

/// `query NpsSettingsView` (ADMIN): the review link.
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/nps.graphql",
    response_derives = "Debug, Clone, PartialEq"
)]
pub struct NpsSettingsView;

/// `mutation NpsUpdateSettings` (ADMIN): sets or clears the review link.
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/nps.graphql",
    response_derives = "Debug, Clone, PartialEq"
)]
pub struct NpsUpdateSettings;
