//! Pieces shared by the pages: the frame of an area, the states of a page (loading, error) and
//! of its live updates, the searchable lists loaded a page at a time, the parts of a service order
//! (items, totals), and what every form is made of: its fields, selects, repeated lists of rows,
//! submit button and the request behind it.

mod area_shell;
mod feedback;
mod form;
mod form_submit;
mod language_toggle;
mod live_mark;
mod order_parts;
mod paged_list;
mod plate_search;
mod public_header;
mod repeat_list;
mod select;
mod submit_button;
mod top_bar;

pub use area_shell::AreaShell;
pub use feedback::{ErrorNotice, Loaded, Loading, first_error};
pub use form::{CheckboxField, FieldError, FormError, FormField, focus_field};
pub use form_submit::{FormSubmit, use_form_submit, use_form_submit_named};
pub use language_toggle::LanguageToggle;
pub use live_mark::LiveMark;
pub use order_parts::{ItemLine, OrderCard, OrderItemsTable, OrderSums, OrderTotals, live_order_cards};
pub(crate) use paged_list::list_page;
pub use paged_list::{ListPage, PagedList, SearchBox, list_search_href, use_list_search};
pub use plate_search::PlateSearch;
pub use public_header::PublicHeader;
pub use repeat_list::{RepeatList, Rows};
pub use select::{EnumSelect, SelectField};
pub use submit_button::SubmitButton;
pub use top_bar::TopBar;
