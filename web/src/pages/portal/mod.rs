//! The portals: the areas of a workshop's customers (`/cliente`) and partners (`/parceiro`).

mod home;
mod orders;
mod partner;

pub use home::PortalHomePage;
pub use partner::PartnerPage;
