//! Batched loads for the relations that lists walk (async-graphql's DataLoader): a list of
//! vehicles that asks for their owners costs one batch of queries, not one per vehicle.

use std::collections::HashMap;

use async_graphql::dataloader::Loader;
use oficina_domain::Db;
use oficina_domain::crm::{Customer, CustomerDetails};

/// A customer of a workshop: the loader filters every id by its workshop.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct CustomerKey {
    pub workshop_id: i64,
    pub id: i64,
}

/// Loads customers with their details, one batch per workshop.
pub struct CustomerLoader(pub Db);

impl Loader<CustomerKey> for CustomerLoader {
    type Value = CustomerDetails;
    /// The cause of a failed batch, for the log.
    type Error = String;

    async fn load(&self, keys: &[CustomerKey]) -> Result<HashMap<CustomerKey, CustomerDetails>, String> {
        let mut by_workshop: HashMap<i64, Vec<i64>> = HashMap::new();
        for key in keys {
            by_workshop.entry(key.workshop_id).or_default().push(key.id);
        }
        let mut pooled = self.0.get().await.map_err(|e| e.to_string())?;
        let mut conn = pooled.conn();
        let mut found = HashMap::new();
        for (workshop_id, ids) in by_workshop {
            let details = Customer::details(&mut conn, workshop_id, &ids)
                .await
                .map_err(|e| format!("database: {e}"))?;
            found.extend(details.into_iter().map(|(id, details)| (CustomerKey { workshop_id, id }, details)));
        }
        Ok(found)
    }
}
