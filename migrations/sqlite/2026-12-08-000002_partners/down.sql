DROP TABLE offer_grant_jobs;
DROP TABLE commissions;
DROP TABLE customer_offers;
DROP TABLE partner_offers;
DROP TABLE partners;
