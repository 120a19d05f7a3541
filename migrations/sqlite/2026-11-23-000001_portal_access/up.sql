-- Portal access: one-time links (invitations, password resets) and the outbox of messages to people.
CREATE TABLE one_time_tokens (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    workshop_id BIGINT NOT NULL REFERENCES workshops (id),
    -- INVITATION or PASSWORD_RESET.
    purpose TEXT NOT NULL,
    -- SHA-256 of the token, in hex: the token itself is only in the message that carries the link.
    token_hash TEXT NOT NULL UNIQUE,
    -- Who the link was sent to, normalized.
    email TEXT NOT NULL,
    -- For an INVITATION: the customer record the new login will see.
    customer_id BIGINT REFERENCES customers (id),
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP
);
CREATE INDEX one_time_tokens_email ON one_time_tokens (email, purpose);

-- Messages recorded in the transaction of the change that causes them, delivered after commit.
CREATE TABLE notifications (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    workshop_id BIGINT NOT NULL REFERENCES workshops (id),
    -- The template: INVITATION, PASSWORD_RESET.
    kind TEXT NOT NULL,
    recipient TEXT NOT NULL,
    -- pt-BR or en: the language of the message.
    locale TEXT NOT NULL,
    -- The template's data, JSON.
    payload TEXT NOT NULL,
    -- What the message carries that must not outlive its delivery (a one-time token): erased once processed.
    secret TEXT,
    created_at TIMESTAMP NOT NULL,
    -- Not before then: the backoff after a failure, or the lease of the worker delivering it.
    next_attempt_at TIMESTAMP NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    -- When it was sent, or given up on after too many failures (last_error says why).
    processed_at TIMESTAMP
);
CREATE INDEX notifications_due ON notifications (next_attempt_at) WHERE processed_at IS NULL;
