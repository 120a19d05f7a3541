//! The operations in `web/graphql/`, typed against the committed `schema.graphql`: a schema change
//! that breaks one of them breaks the build.

use serde::{Deserialize, Serialize};

mod crm;
mod identity;
mod integrations;
mod orders_and_catalog;

pub use crm::*;
pub use identity::*;
pub use integrations::*;
pub use orders_and_catalog::*;

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
