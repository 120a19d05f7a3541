DROP TABLE offer_grant_jobs;
DROP TABLE commissions;
DROP TABLE customer_offers;
DROP TABLE partner_offers;
ALTER TABLE memberships DROP CONSTRAINT memberships_partner_id_fkey;
DROP TABLE partners;
