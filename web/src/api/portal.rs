//! The portal context's operations in `web/graphql/`, typed against the committed
//! `schema.graphql`: the customer's home, the workshop picker, and status links (staff create and
//! revoke them; anyone holding one reads the order, live).

use graphql_client::GraphQLQuery;

use super::loyalty::LoyaltyProgramKind;
use super::operations::{Date, DateTime, Role, ServiceOrderStatus};

/// `query MyPortal` (CUSTOMER): vehicles with their history, money spent, loyalty and benefits.
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/my_portal.graphql",
    response_derives = "Debug, Clone, PartialEq",
    extern_enums("ServiceOrderStatus", "LoyaltyProgramKind")
)]
pub struct MyPortal;

/// `query MyMemberships`: the workshops the user belongs to, for the picker.
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/my_memberships.graphql",
    response_derives = "Debug, Clone, PartialEq",
    extern_enums("Role")
)]
pub struct MyMemberships;

/// `mutation SwitchWorkshop`: the session moves to another of the user's memberships.
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/switch_workshop.graphql",
    response_derives = "Debug, Clone",
    extern_enums("Role")
)]
pub struct SwitchWorkshop;

/// `query OrderStatus` (anyone with the link): one order's public page.
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/order_status.graphql",
    response_derives = "Debug, Clone, PartialEq",
    extern_enums("ServiceOrderStatus")
)]
pub struct OrderStatus;

/// `subscription OrderStatusChanged` (anyone with the link): each change of that order.
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/order_status_changed.graphql",
    response_derives = "Debug, Clone, PartialEq",
    extern_enums("ServiceOrderStatus")
)]
pub struct OrderStatusChanged;

/// `mutation CreateStatusLink` (ADMIN, OPERATOR).
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/create_status_link.graphql",
    response_derives = "Debug, Clone, PartialEq"
)]
pub struct CreateStatusLink;

/// `mutation RevokeStatusLinks` (ADMIN, OPERATOR).
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/revoke_status_links.graphql",
    response_derives = "Debug, Clone, PartialEq"
)]
pub struct RevokeStatusLinks;
