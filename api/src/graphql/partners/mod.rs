//! Partners and the benefits club (contract: partners.graphql; MyPortal's `benefits`): the
//! ADMIN's partners, offers, grants and commission ledger; the PARTNER's customers, redemptions
//! and own ledger; the customer's offers with their codes.

mod inputs;
mod mutation;
mod query;
mod types;

pub use mutation::PartnersMutation;
pub use query::PartnersQuery;
pub use types::{Benefit, benefits_of_customer, resume_grant_jobs};
