-- LGPD art. 18: a customer's data export. The download link's token is random and only its hash is
-- kept; a link works for one customer of one workshop until it expires (minutes), on any node.
CREATE TABLE data_exports (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    workshop_id BIGINT NOT NULL REFERENCES workshops (id),
    customer_id BIGINT NOT NULL REFERENCES customers (id),
    token_hash TEXT NOT NULL UNIQUE,
    -- Who asked: the customer's own login or a staff member (on the customer's request).
    requested_by BIGINT NOT NULL REFERENCES users (id),
    -- UTC.
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL
);
CREATE INDEX data_exports_by_customer ON data_exports (workshop_id, customer_id, id);

-- LGPD art. 37: who saw a customer's whole CPF (VIEWED_DOCUMENT), exported their data on request
-- (EXPORTED_DATA) or exported them in the customer list (EXPORTED_LIST), and when.
CREATE TABLE customer_access_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    workshop_id BIGINT NOT NULL REFERENCES workshops (id),
    customer_id BIGINT NOT NULL REFERENCES customers (id),
    actor_user_id BIGINT NOT NULL REFERENCES users (id),
    -- VIEWED_DOCUMENT, EXPORTED_DATA or EXPORTED_LIST.
    action TEXT NOT NULL,
    -- UTC.
    at TIMESTAMP NOT NULL
);
CREATE INDEX customer_access_log_by_customer ON customer_access_log (workshop_id, customer_id, id);
