//! The LGPD operations in `web/graphql/privacy.graphql`, typed against the committed
//! `schema.graphql`: consents and their log, the data export and the access log.

use graphql_client::GraphQLQuery;
use serde::{Deserialize, Serialize};

use super::operations::DateTime;

/// A channel the customer answers for (the schema's `ConsentChannel`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ConsentChannel {
    Email,
    Whatsapp,
    Sms,
    PartnerSharing,
    /// A channel this version of the app does not know yet.
    #[serde(other)]
    Unknown,
}

/// How a consent changed (the schema's `ConsentSource`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ConsentSource {
    Staff,
    Portal,
    Unsubscribe,
    SpamReport,
    Migration,
    #[serde(other)]
    Unknown,
}

/// What staff did with a customer's data (the schema's `AccessAction`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum AccessAction {
    ViewedDocument,
    ExportedData,
    ExportedList,
    #[serde(other)]
    Unknown,
}

/// `query CustomerConsents` (ADMIN, OPERATOR): the answers and the log of one customer.
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/privacy.graphql",
    response_derives = "Debug, Clone, PartialEq",
    extern_enums("ConsentChannel", "ConsentSource")
)]
pub struct CustomerConsents;

/// `mutation SetCustomerConsent` (ADMIN, OPERATOR).
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/privacy.graphql",
    response_derives = "Debug, Clone, PartialEq",
    extern_enums("ConsentChannel")
)]
pub struct SetCustomerConsent;

/// `query MyConsents` (CUSTOMER): my answers and their log.
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/privacy.graphql",
    response_derives = "Debug, Clone, PartialEq",
    extern_enums("ConsentChannel", "ConsentSource")
)]
pub struct MyConsents;

/// `mutation SetMyConsent` (CUSTOMER).
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/privacy.graphql",
    response_derives = "Debug, Clone, PartialEq",
    extern_enums("ConsentChannel")
)]
pub struct SetMyConsent;

/// `mutation ExportMyData` (CUSTOMER): a short-lived download link.
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/privacy.graphql",
    response_derives = "Debug, Clone, PartialEq"
)]
pub struct ExportMyData;

/// `mutation ExportCustomerData` (ADMIN, OPERATOR, on the customer's request).
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/privacy.graphql",
    response_derives = "Debug, Clone, PartialEq"
)]
pub struct ExportCustomerData;

/// `query CustomerAccessLog` (ADMIN).
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/privacy.graphql",
    response_derives = "Debug, Clone, PartialEq",
    extern_enums("AccessAction")
)]
pub struct CustomerAccessLog;
