DROP TABLE customer_consent_changes;
ALTER TABLE customers DROP COLUMN partner_sharing_consent;
ALTER TABLE customers DROP COLUMN sms_consent;
ALTER TABLE customers DROP COLUMN whatsapp_consent;
