//! LGPD in the web app: the consents per channel with their log and the data export, on the
//! customer's 360 page (staff, with the access log for an ADMIN) and on the customer portal's
//! "Privacidade" page (`/cliente/privacidade`).

mod access_log;
mod consents;
mod customer_sections;
mod export;
mod portal_page;

pub use customer_sections::CustomerPrivacySections;
pub use portal_page::{PrivacyLink, PrivacyPage};
