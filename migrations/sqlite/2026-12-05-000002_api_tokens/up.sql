-- API tokens for integrators: a named secret (only its SHA-256 kept) that acts as the service
-- user and ADMIN membership created with it, limited by its scope, until it expires or is revoked.

CREATE TABLE api_tokens (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    workshop_id BIGINT NOT NULL REFERENCES workshops (id),
    -- The service user and ADMIN membership the token acts as (the user's name is the token's).
    membership_id BIGINT NOT NULL REFERENCES memberships (id),
    name TEXT NOT NULL,
    -- READ_ONLY or READ_WRITE.
    scope TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    -- The ADMIN who created it.
    created_by BIGINT NOT NULL REFERENCES users (id),
    -- UTC.
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    -- Updated at most once a minute.
    last_used_at TIMESTAMP,
    revoked_at TIMESTAMP
);
CREATE INDEX api_tokens_by_workshop ON api_tokens (workshop_id, id);
