//! Partners (parceiros) and the benefits club: businesses near the workshop (a car wash, a tire
//! shop, an insurer) whose offers the workshop hands its customers as personal promo codes. A
//! partner signs in (role PARTNER) to see who holds its offers, with the minimum personal data,
//! and to redeem codes; each redemption records the commission the workshop receives from it,
//! beside what the workshop owes it (the ledger the ADMIN settles).

mod benefits;
mod code;
mod commission;
mod customers;
mod eligibility;
pub mod events;
mod grant;
mod grant_job;
mod models;
mod offer;
mod partner;
mod redeem;

pub use benefits::Benefit;
pub use code::{ALPHABET, CODE_LEN, generate as generate_promo_code, normalize as normalize_promo_code};
pub use commission::{COMMISSION_DESCRIPTION_MAX, Ledger, PayableInput, commission_of};
pub use customers::{PartnerCustomer, PartnerCustomerPage};
pub use eligibility::{Eligibility, VISITED_WITHIN_MAX};
pub use grant_job::GRANT_BATCH;
pub use models::{
    Commission, CommissionDirection, CustomerOffer, GrantJob, GrantJobStatus, Partner, PartnerOffer,
};
pub use offer::{DESCRIPTION_MAX, OfferInput};
pub use partner::{NAME_MAX, PartnerInput, PartnerUpdate};
pub use redeem::{Redeemed, SALE_MAX_CENTS};
