//! The partners context's operations in `web/graphql/partners.graphql`, typed against the
//! committed `schema.graphql`: the ADMIN's partners, offers, grants and ledger; the partner
//! portal's customers, redemptions and ledger.

use graphql_client::GraphQLQuery;

use super::operations::{Date, DateTime, VehicleKind};

macro_rules! operation {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(GraphQLQuery)]
        #[graphql(
            schema_path = "../schema.graphql",
            query_path = "graphql/partners.graphql",
            response_derives = "Debug, Clone, PartialEq",
            variables_derives = "Debug, Clone",
            extern_enums("VehicleKind")
        )]
        pub struct $name;
    };
}

operation!(
    /// `query PartnersAdmin` (ADMIN): the partners and every offer.
    PartnersAdmin
);
operation!(
    /// `mutation PartnersCreate` (ADMIN): a partner and its login.
    PartnersCreate
);
operation!(
    /// `mutation PartnersUpdate` (ADMIN): a partner's name or commission.
    PartnersUpdate
);
operation!(
    /// `mutation PartnersDeactivate` (ADMIN).
    PartnersDeactivate
);
operation!(
    /// `mutation PartnersCreateOffer` (ADMIN).
    PartnersCreateOffer
);
operation!(
    /// `mutation PartnersGrantOne` (ADMIN): one customer's code.
    PartnersGrantOne
);
operation!(
    /// `mutation PartnersGrantAll` (ADMIN): starts the "grant to all eligible" job.
    PartnersGrantAll
);
operation!(
    /// `query PartnersGrantJob` (ADMIN): an offer's latest job, for its progress.
    PartnersGrantJob
);
operation!(
    /// `query PartnersLedger` (ADMIN, PARTNER): the commission ledger.
    PartnersLedger
);
operation!(
    /// `mutation PartnersSettle` (ADMIN).
    PartnersSettle
);
operation!(
    /// `mutation PartnersAddPayable` (ADMIN).
    PartnersAddPayable
);
operation!(
    /// `query PartnerPortal` (PARTNER): the partner and its customers.
    PartnerPortal
);
operation!(
    /// `mutation PartnerRedeem` (PARTNER): redeems a code on a sale.
    PartnerRedeem
);
