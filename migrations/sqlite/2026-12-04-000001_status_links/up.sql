-- Status links: what staff send a customer to follow one service order without signing in. The
-- link stays valid until 7 days after the order finishes or is cancelled (computed from the order,
-- so it is not stored), unless staff revoke it first.
CREATE TABLE status_links (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    workshop_id BIGINT NOT NULL REFERENCES workshops (id),
    service_order_id BIGINT NOT NULL REFERENCES service_orders (id),
    -- SHA-256 of the token, in hex: the token itself is only in the link.
    token_hash TEXT NOT NULL UNIQUE,
    created_by BIGINT NOT NULL REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    revoked_at TIMESTAMP
);
CREATE INDEX status_links_order ON status_links (workshop_id, service_order_id);
