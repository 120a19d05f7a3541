//! Batched loads for what customer lists and agendas ask of appointments: a list of customers
//! that asks for their no-show counts or upcoming appointments costs one query of each.

use std::collections::HashMap;

use async_graphql::dataloader::Loader;
use chrono::Utc;
use oficina_domain::scheduling::Appointment;

use crate::graphql::service::loaders::{ServiceLoader, WorkshopKey, workshop_key};

workshop_key!(
    /// A customer's NO_SHOW count.
    NoShowsOf
);
workshop_key!(
    /// A customer's BOOKED appointments from now on.
    UpcomingOf
);
workshop_key!(
    /// The name of the staff user who marked attendance.
    MarkerOf
);

impl Loader<NoShowsOf> for ServiceLoader {
    type Value = i64;
    type Error = String;

    async fn load(&self, keys: &[NoShowsOf]) -> Result<HashMap<NoShowsOf, i64>, String> {
        self.by_workshop(keys, async |conn, workshop_id, ids| {
            Appointment::no_show_counts(conn, workshop_id, ids).await
        })
        .await
    }
}

impl Loader<UpcomingOf> for ServiceLoader {
    type Value = Vec<Appointment>;
    type Error = String;

    async fn load(&self, keys: &[UpcomingOf]) -> Result<HashMap<UpcomingOf, Vec<Appointment>>, String> {
        let now = Utc::now();
        self.by_workshop(keys, async move |conn, workshop_id, ids| {
            Appointment::upcoming_of_customers(conn, workshop_id, ids, now).await
        })
        .await
    }
}

impl Loader<MarkerOf> for ServiceLoader {
    type Value = String;
    type Error = String;

    async fn load(&self, keys: &[MarkerOf]) -> Result<HashMap<MarkerOf, String>, String> {
        self.by_workshop(keys, async |conn, workshop_id, ids| {
            Appointment::marker_names(conn, workshop_id, ids).await
        })
        .await
    }
}
