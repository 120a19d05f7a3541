//! The operations in `web/graphql/`, typed against the committed `schema.graphql`: a schema change
//! that breaks one of them breaks the build.

use graphql_client::GraphQLQuery;
use serde::{Deserialize, Serialize};

/// A role in a workshop (the schema's `Role`), shared by every operation that mentions it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Role {
    /// Everything an operator does, plus staff, partners, loyalty and metrics.
    Admin,
    /// Customers, vehicles, service orders, appointments, chat.
    Operator,
    /// The service orders assigned to them.
    Mechanic,
    /// A workshop's customer, in the customer portal.
    Customer,
    /// A partner business, in the partner portal.
    Partner,
    /// A role this version of the app does not know yet.
    #[serde(other)]
    Unknown,
}

impl Role {
    /// The roles a staff member can be given.
    pub const STAFF: [Role; 3] = [Role::Admin, Role::Operator, Role::Mechanic];

    /// The GraphQL name of the role (`ADMIN`, `OPERATOR`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "ADMIN",
            Role::Operator => "OPERATOR",
            Role::Mechanic => "MECHANIC",
            Role::Customer => "CUSTOMER",
            Role::Partner => "PARTNER",
            Role::Unknown => "UNKNOWN",
        }
    }
}

/// `query Me`: who is signed in.
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/me.graphql",
    response_derives = "Debug, Clone",
    extern_enums("Role")
)]
pub struct Me;

/// `mutation RegisterWorkshop`: a new workshop and its first ADMIN, signed in at once.
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/register_workshop.graphql",
    response_derives = "Debug, Clone",
    extern_enums("Role")
)]
pub struct RegisterWorkshop;

/// `mutation SignIn`.
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/sign_in.graphql",
    response_derives = "Debug, Clone",
    extern_enums("Role")
)]
pub struct SignIn;

/// `mutation SignOut`.
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/sign_out.graphql",
    response_derives = "Debug, Clone"
)]
pub struct SignOut;

/// `query Staff`: the workshop's staff (ADMIN).
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/staff.graphql",
    response_derives = "Debug, Clone",
    extern_enums("Role")
)]
pub struct Staff;

/// `mutation AddStaff` (ADMIN).
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/add_staff.graphql",
    response_derives = "Debug, Clone",
    extern_enums("Role")
)]
pub struct AddStaff;
