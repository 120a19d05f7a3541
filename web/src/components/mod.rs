//! Pieces shared by the pages.

mod area_shell;
mod feedback;
mod form;
mod language_toggle;
mod public_header;
mod top_bar;

pub use area_shell::AreaShell;
pub use feedback::{ErrorNotice, Loading};
pub use form::{FieldError, FormError, FormField};
pub use language_toggle::LanguageToggle;
pub use public_header::PublicHeader;
pub use top_bar::TopBar;
