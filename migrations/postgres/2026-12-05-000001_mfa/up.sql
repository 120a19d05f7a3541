-- MFA for staff (TOTP, RFC 6238) and the sign-in history.

-- Whether every staff member of the workshop must have MFA on to sign in.
ALTER TABLE workshops ADD COLUMN mfa_required BOOLEAN NOT NULL DEFAULT FALSE;

-- A user's TOTP secret: pending until confirmed with a code (confirmed_at set), then on. A user
-- is not tied to one workshop, so neither is the secret. last_used_step is the last 30-second
-- step a code was accepted for: a code of that step or an earlier one is refused (no replay).
CREATE TABLE user_totp (
    user_id BIGINT PRIMARY KEY NOT NULL REFERENCES users (id),
    -- The shared secret, base32 (RFC 4648, no padding).
    secret TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    confirmed_at TIMESTAMP,
    last_used_step BIGINT
);

-- Ten single-use recovery codes per confirmed enrolment, shown once; only their SHA-256 is kept.
CREATE TABLE mfa_recovery_codes (
    id BIGSERIAL PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id),
    code_hash TEXT NOT NULL,
    used_at TIMESTAMP
);
CREATE INDEX mfa_recovery_codes_user ON mfa_recovery_codes (user_id);

-- What signIn hands a user with MFA on instead of a session: short-lived, single use, hashed.
CREATE TABLE mfa_challenges (
    id BIGSERIAL PRIMARY KEY,
    membership_id BIGINT NOT NULL REFERENCES memberships (id),
    token_hash TEXT NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP
);

-- Every sign-in attempt on a known user: when, from where, how, and whether it succeeded.
CREATE TABLE sign_in_history (
    id BIGSERIAL PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id),
    at TIMESTAMP NOT NULL,
    ip TEXT NOT NULL,
    user_agent TEXT NOT NULL,
    -- PASSWORD, MFA or RECOVERY_CODE.
    method TEXT NOT NULL,
    succeeded BOOLEAN NOT NULL
);
CREATE INDEX sign_in_history_user ON sign_in_history (user_id, id);
