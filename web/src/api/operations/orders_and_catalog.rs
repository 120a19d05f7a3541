//! Service operations: the catalog and service orders.
use graphql_client::GraphQLQuery;

use super::*;

/// `query ServiceOrders`: one column of the board, newest first.
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/service_orders.graphql",
    response_derives = "Debug, Clone, PartialEq",
    extern_enums("ServiceOrderStatus")
)]
pub struct ServiceOrders;

/// `subscription ServiceOrderChanged`: each change of an order the caller may see, as a card of the board.
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/service_order_changed.graphql",
    response_derives = "Debug, Clone, PartialEq",
    extern_enums("ServiceOrderStatus")
)]
pub struct ServiceOrderChanged;

/// `query ServiceOrder`: one order with everything its page shows.
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/service_order.graphql",
    response_derives = "Debug, Clone, PartialEq",
    extern_enums("ServiceOrderStatus", "PhoneKind", "PaymentMethod")
)]
pub struct ServiceOrder;

/// `query CatalogSearch`: parts and labour matching what is typed, for adding an item.
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/catalog_search.graphql",
    response_derives = "Debug, Clone, PartialEq"
)]
pub struct CatalogSearch;

/// `query OrderVehicle`: a vehicle and its owner, for a new order.
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/order_vehicle.graphql",
    response_derives = "Debug, Clone, PartialEq"
)]
pub struct OrderVehicle;

/// `query OrderVehicleByPlate`: the vehicle with a plate and its owner, for a new order.
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/order_vehicle_by_plate.graphql",
    response_derives = "Debug, Clone, PartialEq"
)]
pub struct OrderVehicleByPlate;

/// `query ServiceOrderSettings` (ADMIN): the next order number and the negative-stock policy.
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/service_order_settings.graphql",
    response_derives = "Debug, Clone, PartialEq"
)]
pub struct ServiceOrderSettings;

/// `mutation SetNextServiceOrderNumber` (ADMIN).
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/set_next_service_order_number.graphql",
    response_derives = "Debug, Clone, PartialEq"
)]
pub struct SetNextServiceOrderNumber;

/// `mutation SetAllowNegativeStock` (ADMIN).
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/set_allow_negative_stock.graphql",
    response_derives = "Debug, Clone, PartialEq"
)]
pub struct SetAllowNegativeStock;

/// `query Mechanics` (ADMIN, OPERATOR): whom an order may be assigned to.
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/mechanics.graphql",
    response_derives = "Debug, Clone, PartialEq"
)]
pub struct Mechanics;

/// `mutation CreateServiceOrder` (ADMIN, OPERATOR).
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/create_service_order.graphql",
    response_derives = "Debug, Clone, PartialEq"
)]
pub struct CreateServiceOrder;

/// `mutation AddServiceOrderItem` (ADMIN, OPERATOR).
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/add_service_order_item.graphql",
    response_derives = "Debug, Clone, PartialEq"
)]
pub struct AddServiceOrderItem;

/// `mutation UpdateServiceOrderItem` (ADMIN, OPERATOR).
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/update_service_order_item.graphql",
    response_derives = "Debug, Clone, PartialEq"
)]
pub struct UpdateServiceOrderItem;

/// `mutation RemoveServiceOrderItem` (ADMIN, OPERATOR).
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/remove_service_order_item.graphql",
    response_derives = "Debug, Clone, PartialEq"
)]
pub struct RemoveServiceOrderItem;

/// `mutation UpdateServiceOrder` (ADMIN, OPERATOR): mechanic, odometer, notes, discount, taxes.
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/update_service_order.graphql",
    response_derives = "Debug, Clone, PartialEq"
)]
pub struct UpdateServiceOrder;

/// `mutation StartServiceOrder`: a QUOTE goes IN_PROGRESS (a MECHANIC only their own orders).
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/start_service_order.graphql",
    response_derives = "Debug, Clone, PartialEq",
    extern_enums("ServiceOrderStatus")
)]
pub struct StartServiceOrder;

/// `mutation CancelServiceOrder` (ADMIN, OPERATOR), with the reason.
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/cancel_service_order.graphql",
    response_derives = "Debug, Clone, PartialEq",
    extern_enums("ServiceOrderStatus")
)]
pub struct CancelServiceOrder;

/// `mutation FinishServiceOrder`: IN_PROGRESS → FINISHED with the payment plan (a MECHANIC only
/// their own orders).
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/finish_service_order.graphql",
    response_derives = "Debug, Clone, PartialEq",
    extern_enums("ServiceOrderStatus", "PaymentMethod")
)]
pub struct FinishServiceOrder;

/// `mutation PayInstallment` (ADMIN, OPERATOR).
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/pay_installment.graphql",
    response_derives = "Debug, Clone, PartialEq"
)]
pub struct PayInstallment;

/// `query InstallmentPlan`: the finish dialog's preview of the installments.
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/installment_plan.graphql",
    response_derives = "Debug, Clone, PartialEq"
)]
pub struct InstallmentPlan;
/// `query Products`: one page of the catalog's products matching a search, low-stock or all.
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/products.graphql",
    response_derives = "Debug, Clone, PartialEq",
    extern_enums("Unit")
)]
pub struct Products;

/// `query Product`: one product, for its form.
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/product.graphql",
    response_derives = "Debug, Clone, PartialEq",
    extern_enums("Unit")
)]
pub struct Product;

/// `mutation CreateProduct` (ADMIN, OPERATOR).
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/create_product.graphql",
    response_derives = "Debug, Clone, PartialEq",
    extern_enums("Unit")
)]
pub struct CreateProduct;

/// `mutation UpdateProduct` (ADMIN, OPERATOR).
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/update_product.graphql",
    response_derives = "Debug, Clone, PartialEq",
    extern_enums("Unit")
)]
pub struct UpdateProduct;

/// `mutation DeactivateProduct` (ADMIN, OPERATOR).
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/deactivate_product.graphql",
    response_derives = "Debug, Clone, PartialEq"
)]
pub struct DeactivateProduct;

/// `query Services`: one page of the catalog's services matching a search.
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/services.graphql",
    response_derives = "Debug, Clone, PartialEq"
)]
pub struct Services;

/// `query Service`: one service, for its form.
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/service.graphql",
    response_derives = "Debug, Clone, PartialEq"
)]
pub struct Service;

/// `mutation CreateService` (ADMIN, OPERATOR).
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/create_service.graphql",
    response_derives = "Debug, Clone, PartialEq"
)]
pub struct CreateService;

/// `mutation UpdateService` (ADMIN, OPERATOR).
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/update_service.graphql",
    response_derives = "Debug, Clone, PartialEq"
)]
pub struct UpdateService;

/// `mutation DeactivateService` (ADMIN, OPERATOR).
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/deactivate_service.graphql",
    response_derives = "Debug, Clone, PartialEq"
)]
pub struct DeactivateService;

/// `query PrintServiceOrder` (staff): one order as the printed OS shows it, and the workshop.
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/print_service_order.graphql",
    response_derives = "Debug, Clone",
    extern_enums("ServiceOrderStatus", "PaymentMethod")
)]
pub struct PrintServiceOrder;

/// `query OrderCards`: the orders the caller may see, as cards (the mechanic's list, the portal).
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/order_cards.graphql",
    response_derives = "Debug, Clone, PartialEq",
    extern_enums("ServiceOrderStatus")
)]
pub struct OrderCards;
