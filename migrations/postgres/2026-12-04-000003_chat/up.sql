-- Chat: one conversation per customer per workshop, and its messages. The conversation keeps
-- its last message, its last activity and each side's unread count, updated in the transaction
-- of every message, so the inbox reads one row per conversation.

CREATE TABLE conversations (
    id BIGSERIAL PRIMARY KEY,
    workshop_id BIGINT NOT NULL REFERENCES workshops (id),
    customer_id BIGINT NOT NULL REFERENCES customers (id),
    -- OPEN or RESOLVED; a customer's message reopens a RESOLVED one.
    status TEXT NOT NULL,
    -- The staff membership (ADMIN or OPERATOR) answering it.
    assignee_id BIGINT REFERENCES memberships (id),
    -- UTC, of the last message.
    last_activity_at TIMESTAMP NOT NULL,
    last_message_id BIGINT,
    -- Messages of the other side each side has not read yet.
    unread_by_staff INTEGER NOT NULL,
    unread_by_customer INTEGER NOT NULL,
    -- When the customer was last queued an e-mail about a staff message (at most one an hour).
    customer_notified_at TIMESTAMP,
    -- That e-mail while it may still be withdrawn (the customer reads the conversation first).
    customer_notification_id BIGINT REFERENCES notifications (id),
    created_at TIMESTAMP NOT NULL,
    UNIQUE (workshop_id, customer_id)
);
CREATE INDEX conversations_inbox ON conversations (workshop_id, status, last_activity_at, id);

CREATE TABLE chat_messages (
    id BIGSERIAL PRIMARY KEY,
    workshop_id BIGINT NOT NULL REFERENCES workshops (id),
    conversation_id BIGINT NOT NULL REFERENCES conversations (id),
    author_user_id BIGINT NOT NULL REFERENCES users (id),
    -- CUSTOMER or STAFF.
    author_side TEXT NOT NULL,
    -- The author's name and role when they wrote it.
    author_name TEXT NOT NULL,
    author_role TEXT NOT NULL,
    -- Plain text as typed (trimmed), 1 to 4,000 characters.
    body TEXT NOT NULL,
    sent_at TIMESTAMP NOT NULL,
    -- When the other side read it.
    read_at TIMESTAMP
);
CREATE INDEX chat_messages_conversation ON chat_messages (conversation_id, id);

ALTER TABLE conversations
    ADD CONSTRAINT conversations_last_message FOREIGN KEY (last_message_id) REFERENCES chat_messages (id);
