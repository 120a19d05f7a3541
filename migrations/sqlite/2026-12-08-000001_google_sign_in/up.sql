-- Sign in with Google (OpenID Connect).

-- A Google account linked to a user: its subject (`sub`, stable) is what signs in; the e-mail is
-- the verified one Google gave when it was linked. A Google account links to one user, and a user
-- has one Google account at most. A user is not tied to one workshop, so neither is the link.
CREATE TABLE user_identities (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    user_id BIGINT NOT NULL REFERENCES users (id),
    provider TEXT NOT NULL,
    subject TEXT NOT NULL,
    email TEXT NOT NULL,
    linked_at TIMESTAMP NOT NULL,
    UNIQUE (provider, subject),
    UNIQUE (user_id, provider)
);

-- A sign-in (or link) started in a browser and not finished yet: the state, nonce and PKCE
-- verifier the callback checks, bound to the browser by a cookie whose SHA-256 is browser_hash.
-- Short-lived and single use (used_at). A link names the session that asked for it.
CREATE TABLE oauth_flows (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    provider TEXT NOT NULL,
    state_hash TEXT NOT NULL UNIQUE,
    browser_hash TEXT NOT NULL,
    nonce TEXT NOT NULL,
    pkce_verifier TEXT NOT NULL,
    -- SIGN_IN or LINK.
    intent TEXT NOT NULL,
    session_id BIGINT REFERENCES sessions (id),
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP
);
