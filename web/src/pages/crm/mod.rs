//! CRM, the staff's customer pages: the list, the form (new and edit) and the 360 page with the
//! customer's vehicles and the invitation to the customer portal.

mod detail;
mod form;
mod list;

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

pub use detail::CustomerDetailPage;
pub use form::{EditCustomerPage, NewCustomerPage};
pub use list::CustomersPage;

use super::can_edit;
use crate::api::operations::{Customer, customer};
use crate::api::{ApiError, request};

/// The `:id` of the route and the customer it names (the 360 page, the edit form), loaded again
/// when the id changes.
fn route_customer() -> (Memo<String>, LocalResource<Result<customer::CustomerCustomer, ApiError>>) {
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|params| params.get("id").unwrap_or_default()));
    let loaded = LocalResource::new(move || {
        let id = id.get();
        async move { request::<Customer>(customer::Variables { id }).await.map(|data| data.customer) }
    });
    (id, loaded)
}
