DROP TABLE sign_in_history;
DROP TABLE mfa_challenges;
DROP TABLE mfa_recovery_codes;
DROP TABLE user_totp;
ALTER TABLE workshops DROP COLUMN mfa_required;
