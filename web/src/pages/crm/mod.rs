//! CRM, the staff's customer pages: the list, the form (new and edit) and the 360 page with the
//! customer's vehicles and the invitation to the customer portal.

mod detail;
mod form;
mod list;

use leptos::prelude::*;

pub use detail::CustomerDetailPage;
pub use form::{EditCustomerPage, NewCustomerPage};
pub use list::CustomersPage;

use crate::api::Session;

/// Whether the signed-in person may create and change customers and vehicles (ADMIN, OPERATOR);
/// a MECHANIC only reads them.
fn can_edit() -> bool {
    use_context::<Session>().and_then(Session::user).is_some_and(|user| user.role.edits_customers())
}
