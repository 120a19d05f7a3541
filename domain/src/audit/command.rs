//! The shape of every command: validate, then one transaction that reads what it needs, writes,
//! and appends its events; publish after commit.

use futures_util::future::BoxFuture;

use super::event::{Event, NewEvent};
use crate::db::Conn;
use crate::error::DomainError;

/// What a command returns once its transaction committed: its result and the events to publish.
#[derive(Debug)]
pub struct Committed<T> {
    pub value: T,
    pub events: Vec<Event>,
}

impl<T: Send> Committed<T> {
    /// Runs a command's change in one transaction and appends the events it returns, in order,
    /// in that transaction: either all of it commits or nothing does.
    ///
    /// ```ignore
    /// let actor = actor.clone();
    /// Committed::run(conn, move |tx| Box::pin(async move {
    ///     let before = Vehicle::lock(tx, workshop_id, id).await?;  // read inside, locked
    ///     let after = /* UPDATE … WHERE id = $id AND workshop_id = $workshop */;
    ///     let diff = changes(&VehicleSnapshot::from(&before), &VehicleSnapshot::from(&after));
    ///     let event = NewEvent::new(VEHICLE_UPDATED, workshop_id, id).by(&actor).with(&diff);
    ///     Ok((after, vec![event]))
    /// }))
    /// .await
    /// ```
    ///
    /// Validation that needs no database (and slow work such as hashing a password) goes before
    /// the call; every read a write depends on goes inside it. The change owns what it uses
    /// (`move`, with the actor cloned): it may outlive the caller's borrows.
    pub async fn run<F>(conn: &mut Conn<'_>, change: F) -> Result<Committed<T>, DomainError>
    where
        F: for<'r, 'c> FnOnce(&'r mut Conn<'c>) -> BoxFuture<'r, Result<(T, Vec<NewEvent>), DomainError>>
            + Send
            + 'static,
    {
        conn.transaction(|tx| {
            Box::pin(async move {
                let (value, new_events) = change(tx).await?;
                let mut events = Vec::with_capacity(new_events.len());
                for new in new_events {
                    events.push(Event::append(tx, new).await?);
                }
                Ok(Committed { value, events })
            })
        })
        .await
    }
}

/// A state change that depends on the current state is one conditional statement, never a read
/// followed by a write: `UPDATE … SET used_at = now WHERE id = $id AND workshop_id = $workshop AND
/// used_at IS NULL` (or `AND status = $expected`). Of two concurrent commands only one changes
/// the row; `one_row` turns the other's zero affected rows into `refused()`.
pub fn one_row(affected: usize, refused: impl FnOnce() -> DomainError) -> Result<(), DomainError> {
    if affected == 1 { Ok(()) } else { Err(refused()) }
}

/// Loads the one row of `$query` (a select, written inline: it is typed once per backend) that a command is about to change,
/// inside its transaction, or `None`. On PostgreSQL the row stays locked (`FOR UPDATE`) until the
/// transaction ends, so the "before" of an event's diff is what the update replaces; SQLite's
/// write transaction (`BEGIN IMMEDIATE`) already keeps every other writer out.
#[macro_export]
macro_rules! first_for_update {
    ($conn:expr, $query:expr) => {
        match $conn {
            $crate::db::Conn::Postgres(c) => ::diesel::OptionalExtension::optional(
                ::diesel_async::RunQueryDsl::first(::diesel::QueryDsl::for_update($query), &mut **c).await,
            ),
            $crate::db::Conn::Sqlite(c) => ::diesel::OptionalExtension::optional(
                ::diesel_async::RunQueryDsl::first($query, &mut **c).await,
            ),
        }
    };
}
