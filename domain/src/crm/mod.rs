//! The CRM core: customers (with e-mails, phones and addresses) and their vehicles.

mod customer;
mod export;
mod models;
mod vehicle;

use diesel::prelude::*;
use diesel_async::RunQueryDsl;

pub use customer::{
    AddressInput, CustomerCursor, CustomerDetails, CustomerInput, CustomerPage, PhoneInput, STATES,
};
pub use models::{
    AddressKind, Customer, CustomerAddress, CustomerEmail, CustomerKind, CustomerPhone, PhoneKind,
};
pub use vehicle::{Fuel, Vehicle, VehicleInput, VehicleKind, VehicleModel};

use crate::db::Conn;
use crate::schema::customers;

impl Customer {
    /// The customer `id` of `workshop_id`; another workshop's customer is not found.
    pub async fn find(conn: &mut Conn<'_>, workshop_id: i64, id: i64) -> QueryResult<Option<Customer>> {
        crate::run!(conn, |c| {
            customers::table
                .filter(customers::workshop_id.eq(workshop_id))
                .filter(customers::id.eq(id))
                .select(Customer::as_select())
                .first(c)
                .await
                .optional()
        })
    }
}
