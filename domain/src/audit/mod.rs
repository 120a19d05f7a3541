//! The audit trail: every state change appends an event in the same transaction.
//! After commit the api publishes these events on the bus (subscriptions) and workers read them (outbox).

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use serde::{Deserialize, Serialize};

use crate::db::Conn;
use crate::schema::events;

/// Who performs a command: a signed-in user acting in a workshop.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actor {
    pub user_id: i64,
    pub name: String,
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

/// A change about to be recorded.
pub struct NewEvent<'a> {
    pub workshop_id: i64,
    pub actor: Option<&'a Actor>,
    pub aggregate_type: &'static str,
    pub aggregate_id: i64,
    /// `<aggregate>.<past tense>`, e.g. `workshop.registered`, `staff.added`.
    pub kind: &'static str,
    pub payload: serde_json::Value,
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

/// What a command returns once its transaction committed: its result and the events to publish.
#[derive(Debug)]
pub struct Committed<T> {
    pub value: T,
    pub events: Vec<Event>,
}

impl Event {
    /// Appends the event; call it inside the transaction of the change it records.
    pub async fn append(conn: &mut Conn<'_>, new: NewEvent<'_>) -> QueryResult<Event> {
        let at = Utc::now();
        let row = EventRow {
            workshop_id: new.workshop_id,
            actor_user_id: new.actor.map(|a| a.user_id),
            aggregate_type: new.aggregate_type,
            aggregate_id: new.aggregate_id,
            kind: new.kind,
            payload: new.payload.to_string(),
            created_at: at.naive_utc(),
        };
        let id: i64 = crate::run!(conn, |c| {
            diesel::insert_into(events::table).values(&row).returning(events::id).get_result(c).await
        })?;
        Ok(Event {
            id,
            workshop_id: new.workshop_id,
            actor: new.actor.cloned(),
            aggregate_type: new.aggregate_type.to_owned(),
            aggregate_id: new.aggregate_id,
            kind: new.kind.to_owned(),
            payload: new.payload,
            at,
        })
    }

    /// How many events a workshop has recorded (audit views and tests).
    pub async fn count_for_workshop(conn: &mut Conn<'_>, workshop_id: i64) -> QueryResult<i64> {
        crate::run!(conn, |c| {
            events::table.filter(events::workshop_id.eq(workshop_id)).count().get_result(c).await
        })
    }
}
