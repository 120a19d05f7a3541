//! The portals: the areas of a workshop's customers (`/cliente`) and partners (`/parceiro`), and
//! the public page of a status link (`/acompanhar/:token`).

mod home;
mod item_lines;
mod orders;
mod programs;
mod status_page;
mod vehicles;
mod workshop_picker;

pub use home::PortalHomePage;
pub use status_page::OrderStatusPage;
pub(crate) use workshop_picker::switch_to;
