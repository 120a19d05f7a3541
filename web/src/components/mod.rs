//! Pieces shared by the pages.

mod area_shell;
mod feedback;
mod form;
mod language_toggle;
mod plate_search;
mod public_header;
mod top_bar;

pub use area_shell::AreaShell;
pub use feedback::{ErrorNotice, Loading, first_error};
pub use form::{CheckboxField, FieldError, FormError, FormField, SelectField, focus_field};
pub use language_toggle::LanguageToggle;
pub use plate_search::PlateSearch;
pub use public_header::PublicHeader;
pub use top_bar::TopBar;
