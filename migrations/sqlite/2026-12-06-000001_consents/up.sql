-- Consent per channel (LGPD art. 8): the current answer lives on the customer (`marketing_consent`
-- is the e-mail channel), and every change is appended to `customer_consent_changes` in the same
-- transaction: who changed it (a user, or nobody for the provider's unsubscribe), when and how.

ALTER TABLE customers ADD COLUMN whatsapp_consent BOOLEAN NOT NULL DEFAULT 0;
ALTER TABLE customers ADD COLUMN sms_consent BOOLEAN NOT NULL DEFAULT 0;
ALTER TABLE customers ADD COLUMN partner_sharing_consent BOOLEAN NOT NULL DEFAULT 0;

CREATE TABLE customer_consent_changes (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    workshop_id BIGINT NOT NULL REFERENCES workshops (id),
    customer_id BIGINT NOT NULL REFERENCES customers (id),
    -- EMAIL, WHATSAPP, SMS or PARTNER_SHARING.
    channel TEXT NOT NULL,
    granted BOOLEAN NOT NULL,
    -- How: STAFF (at the counter), PORTAL (by the customer), UNSUBSCRIBE or SPAM_REPORT (from the
    -- e-mail provider), MIGRATION (the answer recorded before this log existed).
    source TEXT NOT NULL,
    -- Who: the signed-in user, none for the provider's events and the migration.
    actor_user_id BIGINT REFERENCES users (id),
    -- UTC.
    at TIMESTAMP NOT NULL
);
CREATE INDEX customer_consent_changes_by_customer ON customer_consent_changes (workshop_id, customer_id, id);

-- The e-mail answers given before the log existed.
INSERT INTO customer_consent_changes (workshop_id, customer_id, channel, granted, source, actor_user_id, at)
SELECT workshop_id, id, 'EMAIL', marketing_consent, 'MIGRATION', NULL, COALESCE(marketing_consent_at, created_at)
FROM customers
WHERE marketing_consent = 1 OR marketing_consent_at IS NOT NULL;
