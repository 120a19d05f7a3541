//! The audit trail: every state change appends an event in the same transaction.
//! After commit the api publishes these events on the bus (subscriptions) and workers read them (outbox).

mod changes;
mod command;
mod event;

pub use changes::changes;
pub use command::{Committed, one_row};
pub use event::{Actor, Event, EventKind, NewEvent};
