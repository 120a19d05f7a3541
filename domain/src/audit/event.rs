//! Events as stored and published, and the change a command is about to record.

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use serde::{Deserialize, Serialize};

use crate::db::Conn;
use crate::schema::{events, users};

/// Who performs a command: a signed-in user acting in a workshop.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actor {
    pub user_id: i64,
    pub name: String,
}

impl From<&Actor> for Actor {
    fn from(actor: &Actor) -> Self {
        actor.clone()
    }
}

/// What happened to which kind of aggregate; each context's `events.rs` declares its kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EventKind {
    /// The kind of record the event is about, e.g. `customer`.
    pub aggregate_type: &'static str,
    /// `<aggregate>.<past tense>`, e.g. `workshop.registered`, `staff.added`.
    pub name: &'static str,
}

impl EventKind {
    pub const fn new(aggregate_type: &'static str, name: &'static str) -> Self {
        Self { aggregate_type, name }
    }
}

/// A recorded change, as stored and as published on the bus.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub id: i64,
    pub workshop_id: i64,
    pub actor: Option<Actor>,
    pub aggregate_type: String,
    pub aggregate_id: i64,
    pub kind: String,
    pub payload: serde_json::Value,
    pub at: DateTime<Utc>,
}

/// A change about to be recorded: `NewEvent::new(KIND, workshop_id, id).by(actor).with(&payload)`.
#[derive(Debug, Clone)]
pub struct NewEvent {
    pub workshop_id: i64,
    pub actor: Option<Actor>,
    pub kind: EventKind,
    pub aggregate_id: i64,
    /// One of the context's payload structs as JSON (keys in camelCase); `{}` when there is none.
    pub payload: serde_json::Value,
}

impl NewEvent {
    /// An event of `kind` about record `aggregate_id` of `workshop_id`, with no actor and no payload.
    pub fn new(kind: EventKind, workshop_id: i64, aggregate_id: i64) -> Self {
        Self { workshop_id, actor: None, kind, aggregate_id, payload: serde_json::json!({}) }
    }

    /// Who caused it.
    pub fn by(self, actor: impl Into<Actor>) -> Self {
        Self { actor: Some(actor.into()), ..self }
    }

    /// What it records.
    pub fn with(self, payload: &impl Serialize) -> Self {
        let payload = serde_json::to_value(payload).expect("an event payload serializes");
        Self { payload, ..self }
    }
}

#[derive(Insertable)]
#[diesel(table_name = events)]
struct EventRow<'a> {
    workshop_id: i64,
    actor_user_id: Option<i64>,
    aggregate_type: &'a str,
    aggregate_id: i64,
    kind: &'a str,
    payload: String,
    created_at: NaiveDateTime,
}

impl Event {
    /// Appends the event; call it inside the transaction of the change it records.
    pub async fn append(conn: &mut Conn<'_>, new: NewEvent) -> QueryResult<Event> {
        let at = Utc::now();
        let row = EventRow {
            workshop_id: new.workshop_id,
            actor_user_id: new.actor.as_ref().map(|a| a.user_id),
            aggregate_type: new.kind.aggregate_type,
            aggregate_id: new.aggregate_id,
            kind: new.kind.name,
            payload: new.payload.to_string(),
            created_at: at.naive_utc(),
        };
        let id: i64 = crate::run!(conn, |c| {
            diesel::insert_into(events::table).values(&row).returning(events::id).get_result(c).await
        })?;
        Ok(Event {
            id,
            workshop_id: new.workshop_id,
            actor: new.actor,
            aggregate_type: new.kind.aggregate_type.to_owned(),
            aggregate_id: new.aggregate_id,
            kind: new.kind.name.to_owned(),
            payload: new.payload,
            at,
        })
    }
}

impl Event {
    /// The events of one aggregate of `workshop_id`, oldest first, with their actors' names.
    pub async fn of_aggregate(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        aggregate_type: &str,
        aggregate_id: i64,
    ) -> QueryResult<Vec<Event>> {
        #[allow(clippy::type_complexity)]
        let rows: Vec<(i64, Option<i64>, Option<String>, String, String, NaiveDateTime)> =
            crate::run!(conn, |c| {
                events::table
                    .left_join(users::table)
                    .filter(events::workshop_id.eq(workshop_id))
                    .filter(events::aggregate_type.eq(aggregate_type))
                    .filter(events::aggregate_id.eq(aggregate_id))
                    .order(events::id)
                    .select((
                        events::id,
                        events::actor_user_id,
                        users::name.nullable(),
                        events::kind,
                        events::payload,
                        events::created_at,
                    ))
                    .load(c)
                    .await
            })?;
        Ok(rows
            .into_iter()
            .map(|(id, user_id, name, kind, payload, at)| Event {
                id,
                workshop_id,
                actor: user_id.zip(name).map(|(user_id, name)| Actor { user_id, name }),
                aggregate_type: aggregate_type.to_owned(),
                aggregate_id,
                kind,
                payload: serde_json::from_str(&payload).unwrap_or_default(),
                at: at.and_utc(),
            })
            .collect())
    }
}
