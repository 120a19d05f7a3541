//! Partners and the benefits club: the ADMIN's `/painel/parceiros` (partners, their offers with
//! grants and the "grant to all" progress, the ledger with settling) and the partner's own area
//! `/parceiro` (redeeming codes, the customers who hold its offers, its ledger).

mod admin;
mod grant;
mod ledger;
mod offers;
mod portal;

pub use admin::PartnersAdminPage;
pub use portal::PartnerPage;
