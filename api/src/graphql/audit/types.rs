//! What an event looks like to a client.

use std::sync::Arc;

use async_graphql::{ID, Object, SimpleObject};
use chrono::{DateTime, Utc};
use oficina_domain::audit::Event;

use crate::graphql::to_id;

/// Something that changed in a workshop (the audit trail).
pub struct WorkshopEvent(pub Arc<Event>);

/// Who caused an event.
#[derive(SimpleObject)]
pub struct EventActor {
    pub id: ID,
    pub name: String,
}

#[Object]
impl WorkshopEvent {
    async fn id(&self) -> ID {
        to_id(self.0.id)
    }
    /// `<aggregate>.<what happened>`, e.g. `staff.added`.
    async fn kind(&self) -> &str {
        &self.0.kind
    }
    async fn at(&self) -> DateTime<Utc> {
        self.0.at
    }
    async fn actor(&self) -> Option<EventActor> {
        self.0.actor.as_ref().map(|a| EventActor { id: to_id(a.user_id), name: a.name.clone() })
    }
}
