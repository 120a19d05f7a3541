//! The loyalty context's operations in `web/graphql/loyalty.graphql`, typed against the committed
//! `schema.graphql`: the ADMIN's programs, the rewards of an order, a customer's standing.

use graphql_client::GraphQLQuery;
use serde::{Deserialize, Serialize};

use super::operations::{DateTime, FormEnum, schema_enum};

schema_enum! {
    form
    /// What a program counts.
    LoyaltyProgramKind { Points = "POINTS", Visits = "VISITS" }
}

schema_enum! {
    /// Whether a program counts and rewards.
    LoyaltyProgramStatus { Active = "ACTIVE", Paused = "PAUSED", Ended = "ENDED" }
}

/// `query LoyaltyProgramsView` (ADMIN, OPERATOR): the workshop's programs.
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/loyalty.graphql",
    response_derives = "Debug, Clone, PartialEq",
    extern_enums("LoyaltyProgramKind", "LoyaltyProgramStatus")
)]
pub struct LoyaltyProgramsView;

/// `mutation CreateLoyaltyProgramForm` (ADMIN): a new program.
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/loyalty.graphql",
    response_derives = "Debug, Clone, PartialEq",
    extern_enums("LoyaltyProgramKind", "LoyaltyProgramStatus")
)]
pub struct CreateLoyaltyProgramForm;

/// `mutation PauseLoyaltyProgram` (ADMIN).
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/loyalty.graphql",
    response_derives = "Debug, Clone, PartialEq",
    extern_enums("LoyaltyProgramKind", "LoyaltyProgramStatus")
)]
pub struct PauseLoyaltyProgram;

/// `mutation ResumeLoyaltyProgram` (ADMIN).
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/loyalty.graphql",
    response_derives = "Debug, Clone, PartialEq",
    extern_enums("LoyaltyProgramKind", "LoyaltyProgramStatus")
)]
pub struct ResumeLoyaltyProgram;

/// `mutation EndLoyaltyProgram` (ADMIN).
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/loyalty.graphql",
    response_derives = "Debug, Clone, PartialEq",
    extern_enums("LoyaltyProgramKind", "LoyaltyProgramStatus")
)]
pub struct EndLoyaltyProgram;

/// `query OrderLoyaltyView` (ADMIN, OPERATOR): an order's rewards and its customer's standing.
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/loyalty.graphql",
    response_derives = "Debug, Clone, PartialEq",
    extern_enums("LoyaltyProgramKind", "LoyaltyProgramStatus")
)]
pub struct OrderLoyaltyView;

/// `mutation ApplyLoyaltyReward` (ADMIN, OPERATOR): a reward on an open order.
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/loyalty.graphql",
    response_derives = "Debug, Clone, PartialEq",
    extern_enums("LoyaltyProgramKind", "LoyaltyProgramStatus")
)]
pub struct ApplyLoyaltyReward;

/// `mutation RemoveLoyaltyReward` (ADMIN, OPERATOR): the reward back to the customer.
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/loyalty.graphql",
    response_derives = "Debug, Clone, PartialEq",
    extern_enums("LoyaltyProgramKind", "LoyaltyProgramStatus")
)]
pub struct RemoveLoyaltyReward;

/// `query CustomerLoyaltyView` (staff): a customer's standing, on their 360 page.
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/loyalty.graphql",
    response_derives = "Debug, Clone, PartialEq",
    extern_enums("LoyaltyProgramKind", "LoyaltyProgramStatus")
)]
pub struct CustomerLoyaltyView;
