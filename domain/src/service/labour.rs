//! Services (labour): adding them to the catalog, editing, deactivating and finding them.

use chrono::Utc;
use diesel::prelude::*;
use diesel_async::RunQueryDsl;

use super::events::{SERVICE_CREATED, SERVICE_DEACTIVATED, SERVICE_UPDATED, ServiceSnapshot};
use super::input::{REFERENCE_TAKEN, ServiceInput};
use super::models::Service;
use crate::audit::{Actor, Committed, NewEvent, changes};
use crate::db::Conn;
use crate::error::{DomainError, on_unique_violation};
use crate::schema::services;
use crate::search::NameCursor;
use crate::types::normalize_search;

/// One page of a service list, in name order.
#[derive(Debug, Clone)]
pub struct ServicePage {
    pub services: Vec<Service>,
    pub total: i64,
    pub has_next: bool,
}

impl Service {
    /// The service `id` of `workshop_id`; another workshop's service is not found.
    pub async fn find(conn: &mut Conn<'_>, workshop_id: i64, id: i64) -> QueryResult<Option<Service>> {
        crate::run!(conn, |c| {
            services::table
                .filter(services::workshop_id.eq(workshop_id))
                .filter(services::id.eq(id))
                .select(Service::as_select())
                .first(c)
                .await
                .optional()
        })
    }

    /// Adds a service to the catalog.
    pub async fn create(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        actor: &Actor,
        input: ServiceInput,
    ) -> Result<Committed<Service>, DomainError> {
        let valid = input.validate()?;
        let actor = actor.clone();
        Committed::run(conn, move |tx| {
            Box::pin(async move {
                let now = Utc::now().naive_utc();
                let service: Service = crate::run!(tx, |c| {
                    diesel::insert_into(services::table)
                        .values((
                            services::workshop_id.eq(workshop_id),
                            services::reference.eq(&valid.item.reference),
                            services::name.eq(valid.item.name.as_str()),
                            services::price_cents.eq(valid.item.price.cents()),
                            services::estimated_minutes.eq(valid.estimated_minutes),
                            services::warranty_days.eq(valid.item.warranty_days),
                            services::warranty_km.eq(valid.item.warranty_km),
                            services::revision_days.eq(valid.revision_days),
                            services::revision_km.eq(valid.revision_km),
                            services::active.eq(true),
                            services::search_text.eq(valid.item.search_text()),
                            services::sort_name.eq(valid.item.sort_name()),
                            services::created_at.eq(now),
                            services::updated_at.eq(now),
                        ))
                        .returning(Service::as_returning())
                        .get_result(c)
                        .await
                })
                .map_err(on_unique_violation("reference", REFERENCE_TAKEN))?;
                let event = NewEvent::new(SERVICE_CREATED, workshop_id, service.id)
                    .by(&actor)
                    .with(&ServiceSnapshot::from(&service));
                Ok((service, vec![event]))
            })
        })
        .await
    }

    /// Replaces a service's data; the event lists what changed, before and after.
    pub async fn update(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        actor: &Actor,
        id: i64,
        input: ServiceInput,
    ) -> Result<Committed<Service>, DomainError> {
        let valid = input.validate()?;
        let actor = actor.clone();
        Committed::run(conn, move |tx| {
            Box::pin(async move {
                let before: Service = crate::first_for_update!(
                    tx,
                    services::table
                        .filter(services::workshop_id.eq(workshop_id))
                        .filter(services::id.eq(id))
                        .select(Service::as_select())
                )?
                .ok_or(DomainError::NotFound)?;
                let after: Service = crate::run!(tx, |c| {
                    diesel::update(services::table.find(id).filter(services::workshop_id.eq(workshop_id)))
                        .set((
                            services::reference.eq(&valid.item.reference),
                            services::name.eq(valid.item.name.as_str()),
                            services::price_cents.eq(valid.item.price.cents()),
                            services::estimated_minutes.eq(valid.estimated_minutes),
                            services::warranty_days.eq(valid.item.warranty_days),
                            services::warranty_km.eq(valid.item.warranty_km),
                            services::revision_days.eq(valid.revision_days),
                            services::revision_km.eq(valid.revision_km),
                            services::search_text.eq(valid.item.search_text()),
                            services::sort_name.eq(valid.item.sort_name()),
                            services::updated_at.eq(Utc::now().naive_utc()),
                        ))
                        .returning(Service::as_returning())
                        .get_result(c)
                        .await
                })
                .map_err(on_unique_violation("reference", REFERENCE_TAKEN))?;
                let event = NewEvent::new(SERVICE_UPDATED, workshop_id, id)
                    .by(&actor)
                    .with(&changes(&ServiceSnapshot::from(&before), &ServiceSnapshot::from(&after)));
                Ok((after, vec![event]))
            })
        })
        .await
    }

    /// Takes a service out of lists and new orders (it stays for the orders that used it).
    /// One conditional UPDATE: deactivating an inactive service changes nothing and records nothing.
    pub async fn deactivate(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        actor: &Actor,
        id: i64,
    ) -> Result<Committed<Service>, DomainError> {
        super::item::deactivate!(conn, services, Service, SERVICE_DEACTIVATED, workshop_id, actor, id)
    }

    /// Services of `workshop_id` whose reference or name contains every word of `search`
    /// (accents, case and punctuation ignored), in name order, `first` at a time.
    pub async fn search(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        search: Option<&str>,
        include_inactive: bool,
        first: i64,
        after: Option<&NameCursor>,
    ) -> QueryResult<ServicePage> {
        let (total, services, has_next) = crate::search::trigram_search!(
            conn,
            services,
            Service,
            || {
                let mut query = services::table.filter(services::workshop_id.eq(workshop_id)).into_boxed();
                if !include_inactive {
                    query = query.filter(services::active.eq(true));
                }
                query
            },
            search,
            first,
            after
        )?;
        Ok(ServicePage { services, total, has_next })
    }

    /// Where the next page starts after this service.
    pub fn cursor(&self) -> NameCursor {
        NameCursor { sort_name: normalize_search(&self.name), id: self.id }
    }
}
