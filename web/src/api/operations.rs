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

/// A schema enum that a form offers in a `<select>` (`EnumSelect`).
pub trait FormEnum: Copy + PartialEq + Send + Sync + 'static {
    /// The values a form offers, in its order.
    const ALL: &'static [Self];

    /// The GraphQL name of the value (the `<option>`'s `value`).
    fn as_str(self) -> &'static str;

    /// The value with this GraphQL name, if a form offers it.
    fn parse(text: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|value| value.as_str() == text)
    }

    /// The value itself if a form offers it; `None` for one it does not (`Unknown`, a value
    /// newer than this app), which is then sent as the form's default, never as `UNKNOWN`.
    fn offered(self) -> Option<Self> {
        Self::ALL.contains(&self).then_some(self)
    }
}

/// A form offers the roles a staff member can be given.
impl FormEnum for Role {
    const ALL: &'static [Self] = &[Role::Admin, Role::Operator, Role::Mechanic];

    fn as_str(self) -> &'static str {
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

impl Role {
    /// Whether the role is at the front desk (ADMIN, OPERATOR), who create and change customers,
    /// vehicles and the catalog; a MECHANIC only reads them.
    pub fn is_front_desk(self) -> bool {
        matches!(self, Role::Admin | Role::Operator)
    }
}

/// The schema's `Date`: `YYYY-MM-DD`.
pub type Date = String;
/// The schema's `DateTime`: RFC 3339 in UTC.
pub type DateTime = String;

/// Declares a schema enum shared by every operation that mentions it, with `Unknown` for a value
/// this version does not know yet; `form` makes it a [`FormEnum`], what a form's `<select>` needs.
macro_rules! schema_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
        pub enum $name {
            $(#[serde(rename = $text)] #[doc = $text] $variant,)+
            /// A value this version of the app does not know yet.
            #[serde(other)]
            Unknown,
        }
    };
    (form $(#[$meta:meta])* $name:ident { $($variant:ident = $text:literal),+ $(,)? }) => {
        schema_enum!($(#[$meta])* $name { $($variant = $text),+ });

        impl FormEnum for $name {
            const ALL: &'static [Self] = &[$($name::$variant),+];

            fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)+
                    $name::Unknown => "UNKNOWN",
                }
            }
        }
    };
}

pub(crate) use schema_enum;

schema_enum! {
    /// A person (CPF) or a company (CNPJ).
    CustomerKind { Person = "PERSON", Company = "COMPANY" }
}

schema_enum! {
    form
    /// What a phone number is for.
    PhoneKind { Mobile = "MOBILE", Home = "HOME", Work = "WORK", Whatsapp = "WHATSAPP" }
}

schema_enum! {
    form
    /// What an address is for.
    AddressKind { Home = "HOME", Work = "WORK", Billing = "BILLING", Other = "OTHER" }
}

schema_enum! {
    form
    /// Car, motorcycle or truck.
    VehicleKind { Car = "CAR", Motorcycle = "MOTORCYCLE", Truck = "TRUCK" }
}

schema_enum! {
    form
    /// What a vehicle runs on.
    Fuel {
        Gasoline = "GASOLINE",
        Ethanol = "ETHANOL",
        Flex = "FLEX",
        Diesel = "DIESEL",
        Cng = "CNG",
        Electric = "ELECTRIC",
        Hybrid = "HYBRID",
    }
}

schema_enum! {
    /// Where a service order is in its life.
    ServiceOrderStatus {
        Quote = "QUOTE",
        InProgress = "IN_PROGRESS",
        Cancelled = "CANCELLED",
        Finished = "FINISHED",
    }
}

schema_enum! {
    form
    /// How the customer pays a service order.
    PaymentMethod {
        Cash = "CASH",
        Pix = "PIX",
        CreditCard = "CREDIT_CARD",
        DebitCard = "DEBIT_CARD",
        Boleto = "BOLETO",
        Barter = "BARTER",
    }
}

schema_enum! {
    form
    /// A product's unit of measure; L, KG and M take quantities with decimals.
    Unit { Un = "UN", Pc = "PC", L = "L", Kg = "KG", M = "M", Jg = "JG", Kit = "KIT" }
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

/// `mutation InviteCustomer` (ADMIN, OPERATOR): e-mails a customer a link to the portal.
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/invite_customer.graphql",
    response_derives = "Debug, Clone"
)]
pub struct InviteCustomer;

/// `mutation AcceptInvitation`: the invited person sets a password and is signed in as CUSTOMER.
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/accept_invitation.graphql",
    response_derives = "Debug, Clone",
    extern_enums("Role")
)]
pub struct AcceptInvitation;

/// `mutation RequestPasswordReset`: e-mails a reset link when the e-mail has an account.
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/request_password_reset.graphql",
    response_derives = "Debug, Clone"
)]
pub struct RequestPasswordReset;

/// `mutation ResetPassword`: a new password with the token of a reset link.
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/reset_password.graphql",
    response_derives = "Debug, Clone"
)]
pub struct ResetPassword;

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
