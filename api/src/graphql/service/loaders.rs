//! Batched loads for what order lists walk (async-graphql's DataLoader): a board of orders that
//! asks for their items, installments, vehicles and mechanics costs one query of each per page.

use std::collections::HashMap;
use std::hash::Hash;

use async_graphql::dataloader::Loader;
use oficina_domain::crm::Vehicle;
use oficina_domain::identity::StaffMember;
use oficina_domain::service::{CustomerStats, Installment, OrderItem};
use oficina_domain::{Conn, Db};

/// Loads what orders and customers show, one batch per workshop; every key names its workshop.
pub struct ServiceLoader(pub Db);

macro_rules! workshop_key {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Clone, Copy, PartialEq, Eq, Hash)]
        pub struct $name {
            pub workshop_id: i64,
            pub id: i64,
        }
        impl WorkshopKey for $name {
            fn new(workshop_id: i64, id: i64) -> Self {
                Self { workshop_id, id }
            }
            fn parts(&self) -> (i64, i64) {
                (self.workshop_id, self.id)
            }
        }
    };
}

/// A key of [`ServiceLoader`]: an id and the workshop it belongs to.
pub(crate) trait WorkshopKey: Copy + Eq + Hash {
    fn new(workshop_id: i64, id: i64) -> Self;
    fn parts(&self) -> (i64, i64);
}

pub(crate) use workshop_key;

workshop_key!(
    /// The items of an order.
    ItemsOf
);
workshop_key!(
    /// The installments of an order.
    InstallmentsOf
);
workshop_key!(
    /// A vehicle.
    VehicleOf
);
workshop_key!(
    /// A mechanic's name, by membership.
    MechanicOf
);
workshop_key!(
    /// A customer's finished-order stats.
    StatsOf
);

impl ServiceLoader {
    /// Groups `keys` by workshop and runs `load` once per workshop with the ids.
    pub(crate) async fn by_workshop<K: WorkshopKey, V>(
        &self,
        keys: &[K],
        load: impl AsyncFn(&mut Conn<'_>, i64, &[i64]) -> diesel::QueryResult<HashMap<i64, V>>,
    ) -> Result<HashMap<K, V>, String> {
        let mut grouped: HashMap<i64, Vec<i64>> = HashMap::new();
        for key in keys {
            let (workshop_id, id) = key.parts();
            grouped.entry(workshop_id).or_default().push(id);
        }
        let mut pooled = self.0.get().await.map_err(|e| e.to_string())?;
        let mut conn = pooled.conn();
        let mut found = HashMap::new();
        for (workshop_id, ids) in grouped {
            let values = load(&mut conn, workshop_id, &ids).await.map_err(|e| format!("database: {e}"))?;
            found.extend(values.into_iter().map(|(id, v)| (K::new(workshop_id, id), v)));
        }
        Ok(found)
    }
}

impl Loader<ItemsOf> for ServiceLoader {
    type Value = Vec<OrderItem>;
    type Error = String;

    async fn load(&self, keys: &[ItemsOf]) -> Result<HashMap<ItemsOf, Self::Value>, String> {
        self.by_workshop(keys, async |conn, workshop_id, ids| {
            OrderItem::of_orders(conn, workshop_id, ids).await
        })
        .await
    }
}

impl Loader<InstallmentsOf> for ServiceLoader {
    type Value = Vec<Installment>;
    type Error = String;

    async fn load(&self, keys: &[InstallmentsOf]) -> Result<HashMap<InstallmentsOf, Self::Value>, String> {
        self.by_workshop(keys, async |conn, workshop_id, ids| {
            Installment::of_orders(conn, workshop_id, ids).await
        })
        .await
    }
}

impl Loader<VehicleOf> for ServiceLoader {
    type Value = Vehicle;
    type Error = String;

    async fn load(&self, keys: &[VehicleOf]) -> Result<HashMap<VehicleOf, Vehicle>, String> {
        self.by_workshop(keys, async |conn, workshop_id, ids| {
            Ok(Vehicle::many(conn, workshop_id, ids).await?.into_iter().map(|v| (v.id, v)).collect())
        })
        .await
    }
}

impl Loader<MechanicOf> for ServiceLoader {
    type Value = String;
    type Error = String;

    async fn load(&self, keys: &[MechanicOf]) -> Result<HashMap<MechanicOf, String>, String> {
        self.by_workshop(keys, async |conn, workshop_id, ids| {
            let staff = StaffMember::many(conn, workshop_id, ids).await?;
            Ok(staff.into_iter().map(|s| (s.membership.id, s.user.name)).collect())
        })
        .await
    }
}

impl Loader<StatsOf> for ServiceLoader {
    type Value = CustomerStats;
    type Error = String;

    async fn load(&self, keys: &[StatsOf]) -> Result<HashMap<StatsOf, CustomerStats>, String> {
        self.by_workshop(keys, async |conn, workshop_id, ids| CustomerStats::of(conn, workshop_id, ids).await)
            .await
    }
}
