//! CRM operations: customers and vehicles.
use graphql_client::GraphQLQuery;

use super::*;

/// `query Customers`: one page of the customers matching a search.
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/customers.graphql",
    response_derives = "Debug, Clone, PartialEq"
)]
pub struct Customers;

/// `query Customer`: one customer, for the 360 page and the edit form.
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/customer.graphql",
    response_derives = "Debug, Clone, PartialEq",
    extern_enums("CustomerKind", "PhoneKind", "AddressKind", "VehicleKind", "Fuel", "ServiceOrderStatus")
)]
pub struct Customer;

/// `mutation CreateCustomer` (ADMIN, OPERATOR).
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/create_customer.graphql",
    response_derives = "Debug, Clone",
    extern_enums("PhoneKind", "AddressKind")
)]
pub struct CreateCustomer;

/// `mutation UpdateCustomer` (ADMIN, OPERATOR).
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/update_customer.graphql",
    response_derives = "Debug, Clone",
    extern_enums("PhoneKind", "AddressKind")
)]
pub struct UpdateCustomer;

/// `mutation CreateVehicle` (ADMIN, OPERATOR).
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/create_vehicle.graphql",
    response_derives = "Debug, Clone",
    extern_enums("VehicleKind", "Fuel")
)]
pub struct CreateVehicle;

/// `mutation UpdateVehicle` (ADMIN, OPERATOR): edits a vehicle, or transfers it to another customer.
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/update_vehicle.graphql",
    response_derives = "Debug, Clone",
    extern_enums("VehicleKind", "Fuel")
)]
pub struct UpdateVehicle;

/// `query VehicleByPlate`: the vehicle with a plate and its owner, or null.
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/vehicle_by_plate.graphql",
    response_derives = "Debug, Clone"
)]
pub struct VehicleByPlate;

/// `query VehicleCatalog`: brands and models to suggest.
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/vehicle_catalog.graphql",
    response_derives = "Debug, Clone",
    extern_enums("VehicleKind")
)]
pub struct VehicleCatalog;

/// `query States`: the 27 UFs.
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/states.graphql",
    response_derives = "Debug, Clone"
)]
pub struct States;

/// `query MyCustomer`: the signed-in customer's own record.
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/my_customer.graphql",
    response_derives = "Debug, Clone"
)]
pub struct MyCustomer;

/// `mutation EraseCustomer` (ADMIN): anonymises a customer (LGPD erasure), irreversibly.
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/erase_customer.graphql",
    response_derives = "Debug, Clone"
)]
pub struct EraseCustomer;

/// `mutation InviteCustomer` (ADMIN, OPERATOR): e-mails a customer a link to the portal.
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/invite_customer.graphql",
    response_derives = "Debug, Clone"
)]
pub struct InviteCustomer;
