-- NPS (pesquisa de satisfação): the survey a customer gets when a service order is finished, the
-- answers (once per order), and each workshop's review link for promoters.

-- The e-mailed survey of a finished order: its link carries a random token, stored only hashed.
CREATE TABLE nps_surveys (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    workshop_id BIGINT NOT NULL REFERENCES workshops (id),
    service_order_id BIGINT NOT NULL REFERENCES service_orders (id),
    -- SHA-256 of the token, hex.
    token_hash TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX nps_surveys_token ON nps_surveys (token_hash);
CREATE UNIQUE INDEX nps_surveys_order ON nps_surveys (service_order_id);

-- An answer (0–10 and an optional comment) to the survey of one finished order.
CREATE TABLE nps_responses (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    workshop_id BIGINT NOT NULL REFERENCES workshops (id),
    service_order_id BIGINT NOT NULL REFERENCES service_orders (id),
    customer_id BIGINT NOT NULL REFERENCES customers (id),
    -- The MECHANIC membership the order was assigned to when answered, for the per-mechanic report.
    mechanic_id BIGINT REFERENCES memberships (id),
    score INTEGER NOT NULL CHECK (score BETWEEN 0 AND 10),
    comment TEXT,
    answered_at TIMESTAMP NOT NULL
);
-- Once per order: of concurrent answers exactly one is stored.
CREATE UNIQUE INDEX nps_responses_order ON nps_responses (service_order_id);
CREATE INDEX nps_responses_workshop_answered ON nps_responses (workshop_id, answered_at);

-- Where a promoter is invited to review the workshop (e.g. its Google review page).
CREATE TABLE nps_settings (
    workshop_id BIGINT PRIMARY KEY NOT NULL REFERENCES workshops (id),
    review_url TEXT,
    updated_at TIMESTAMP NOT NULL
);
