//! What happens to a conversation besides its messages: a side reads it, staff assign it and
//! resolve it.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel_async::RunQueryDsl;

use super::events::{
    Assigned, CONVERSATION_ASSIGNED, CONVERSATION_READ, CONVERSATION_RESOLVED, Read, StatusChanged,
};
use super::models::{ChatSide, Conversation, ConversationStatus};
use super::send::{ChatViewer, stored};
use crate::audit::{Actor, Committed, NewEvent};
use crate::db::Conn;
use crate::error::DomainError;
use crate::identity::{Membership, Role};
use crate::message::Message;
use crate::notifications::Notification;
use crate::schema::{chat_messages, conversations};

impl Conversation {
    /// Marks the other side's unread messages of conversation `id` read by `viewer`'s side (a
    /// customer only their own: else NOT_FOUND) and zeroes that side's unread count. A customer
    /// who reads before their e-mail about a staff message went out withdraws it, and the hour
    /// of the e-mail throttle starts again with the next staff message. Records an event only
    /// when something was unread.
    pub async fn mark_read(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        actor: &Actor,
        viewer: ChatViewer,
        id: i64,
        now: DateTime<Utc>,
    ) -> Result<Committed<Conversation>, DomainError> {
        let actor = actor.clone();
        let at = stored(now);
        Committed::run(conn, move |tx| {
            Box::pin(async move {
                let before = Conversation::lock(tx, workshop_id, id)
                    .await?
                    .filter(|c| viewer.sees(c))
                    .ok_or(DomainError::NotFound)?;
                let side = viewer.side();
                let read = crate::run!(tx, |c| {
                    diesel::update(chat_messages::table)
                        .filter(chat_messages::workshop_id.eq(workshop_id))
                        .filter(chat_messages::conversation_id.eq(id))
                        .filter(chat_messages::author_side.eq(side.other()))
                        .filter(chat_messages::read_at.is_null())
                        .set(chat_messages::read_at.eq(at))
                        .execute(c)
                        .await
                })?;
                if read == 0 && before.unread_by(side) == 0 {
                    return Ok((before, vec![]));
                }
                let mut after = before.clone();
                match side {
                    ChatSide::Staff => after.unread_by_staff = 0,
                    ChatSide::Customer => {
                        after.unread_by_customer = 0;
                        if let Some(pending) = before.customer_notification_id {
                            if Notification::withdraw(tx, workshop_id, pending).await? {
                                after.customer_notified_at = None;
                            }
                            after.customer_notification_id = None;
                        }
                    }
                }
                // The row is locked: these are the values it holds, changed.
                crate::run!(tx, |c| {
                    diesel::update(conversations::table)
                        .filter(conversations::workshop_id.eq(workshop_id))
                        .filter(conversations::id.eq(id))
                        .set((
                            conversations::unread_by_staff.eq(after.unread_by_staff),
                            conversations::unread_by_customer.eq(after.unread_by_customer),
                            conversations::customer_notified_at.eq(after.customer_notified_at),
                            conversations::customer_notification_id.eq(after.customer_notification_id),
                        ))
                        .execute(c)
                        .await
                })?;
                let event = NewEvent::new(CONVERSATION_READ, workshop_id, id).by(&actor).with(&Read {
                    customer_id: before.customer_id,
                    side,
                    messages: read,
                });
                Ok((after, vec![event]))
            })
        })
        .await
    }

    /// Assigns conversation `id` to the staff membership `staff_id` (an ADMIN or OPERATOR of the
    /// workshop, else BAD_USER_INPUT on `staffId`), or unassigns it with `None`. Assigning it to
    /// whom it is assigned already records nothing.
    pub async fn assign(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        actor: &Actor,
        id: i64,
        staff_id: Option<i64>,
    ) -> Result<Committed<Conversation>, DomainError> {
        let actor = actor.clone();
        Committed::run(conn, move |tx| {
            Box::pin(async move {
                if let Some(staff_id) = staff_id {
                    check_assignee(tx, workshop_id, staff_id).await?;
                }
                let before = Conversation::lock(tx, workshop_id, id).await?.ok_or(DomainError::NotFound)?;
                if before.assignee_id == staff_id {
                    return Ok((before, vec![]));
                }
                let after: Conversation = crate::run!(tx, |c| {
                    diesel::update(conversations::table)
                        .filter(conversations::workshop_id.eq(workshop_id))
                        .filter(conversations::id.eq(id))
                        .set(conversations::assignee_id.eq(staff_id))
                        .returning(Conversation::as_returning())
                        .get_result(c)
                        .await
                })?;
                let event =
                    NewEvent::new(CONVERSATION_ASSIGNED, workshop_id, id).by(&actor).with(&Assigned {
                        customer_id: after.customer_id,
                        from: before.assignee_id,
                        to: staff_id,
                    });
                Ok((after, vec![event]))
            })
        })
        .await
    }

    /// Marks the OPEN conversation `id` RESOLVED with one conditional UPDATE; CONFLICT on `id`
    /// when it is resolved already. The customer's next message reopens it.
    pub async fn resolve(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        actor: &Actor,
        id: i64,
    ) -> Result<Committed<Conversation>, DomainError> {
        let actor = actor.clone();
        Committed::run(conn, move |tx| {
            Box::pin(async move {
                let resolved: Option<Conversation> = crate::run!(tx, |c| {
                    diesel::update(conversations::table)
                        .filter(conversations::workshop_id.eq(workshop_id))
                        .filter(conversations::id.eq(id))
                        .filter(conversations::status.eq(ConversationStatus::Open))
                        .set(conversations::status.eq(ConversationStatus::Resolved))
                        .returning(Conversation::as_returning())
                        .get_result(c)
                        .await
                        .optional()
                })?;
                let Some(resolved) = resolved else {
                    Conversation::lock(tx, workshop_id, id).await?.ok_or(DomainError::NotFound)?;
                    return Err(DomainError::conflict(
                        "id",
                        Message::new(
                            "Esta conversa já está resolvida.",
                            "This conversation is resolved already.",
                        ),
                    ));
                };
                let event = NewEvent::new(CONVERSATION_RESOLVED, workshop_id, id)
                    .by(&actor)
                    .with(&StatusChanged { customer_id: resolved.customer_id });
                Ok((resolved, vec![event]))
            })
        })
        .await
    }
}

/// BAD_USER_INPUT on `staffId` unless `staff_id` is the membership of an ADMIN or OPERATOR of
/// `workshop_id` (another workshop's reads the same as none).
async fn check_assignee(conn: &mut Conn<'_>, workshop_id: i64, staff_id: i64) -> Result<(), DomainError> {
    if !Membership::has_role(conn, workshop_id, staff_id, Role::FRONT_DESK).await? {
        return Err(DomainError::invalid(
            "staffId",
            Message::new(
                "Escolha um administrador ou operador da oficina.",
                "Choose an administrator or operator of the workshop.",
            ),
        ));
    }
    Ok(())
}
