-- Partners (parceiros) and the benefits club: a partner's offers (item_convenio), the personal promo
-- codes handed to customers (cliente_convenio), the commission ledger, and the "grant to all
-- eligible" background jobs.

CREATE TABLE partners (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    workshop_id BIGINT NOT NULL REFERENCES workshops (id),
    name TEXT NOT NULL,
    -- The partner's contact (and its login's) e-mail.
    email TEXT NOT NULL,
    -- The partner's commission on each redemption, in hundredths of a percent (1000 = 10%).
    commission_basis_points INTEGER NOT NULL,
    active BOOLEAN NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX partners_by_workshop ON partners (workshop_id, name);

-- SQLite cannot add a foreign key to an existing column: memberships.partner_id stays unchecked here.

CREATE TABLE partner_offers (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    workshop_id BIGINT NOT NULL REFERENCES workshops (id),
    partner_id BIGINT NOT NULL REFERENCES partners (id),
    description TEXT NOT NULL,
    -- Exactly one of the two.
    discount_percent INTEGER,
    discount_cents BIGINT,
    -- Local dates, both included; none is open-ended.
    valid_from DATE,
    valid_until DATE,
    -- Who is eligible: every customer when all three are null, else those matching each one set.
    eligible_vehicle_kind TEXT,
    eligible_spent_over_cents BIGINT,
    eligible_visited_within_days INTEGER,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    CHECK ((discount_percent IS NULL) <> (discount_cents IS NULL))
);
CREATE INDEX partner_offers_by_partner ON partner_offers (workshop_id, partner_id);

CREATE TABLE customer_offers (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    workshop_id BIGINT NOT NULL REFERENCES workshops (id),
    offer_id BIGINT NOT NULL REFERENCES partner_offers (id),
    customer_id BIGINT NOT NULL REFERENCES customers (id),
    -- 8 characters of an unambiguous alphabet, upper-case.
    promo_code TEXT NOT NULL,
    granted_at TIMESTAMP NOT NULL,
    redeemed_at TIMESTAMP,
    sale_cents BIGINT,
    redeemed_by BIGINT REFERENCES users (id),
    UNIQUE (workshop_id, promo_code),
    UNIQUE (offer_id, customer_id)
);
CREATE INDEX customer_offers_by_customer ON customer_offers (workshop_id, customer_id);

CREATE TABLE commissions (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    workshop_id BIGINT NOT NULL REFERENCES workshops (id),
    partner_id BIGINT NOT NULL REFERENCES partners (id),
    -- RECEIVABLE (the partner pays the workshop) or PAYABLE (the workshop pays the partner).
    direction TEXT NOT NULL,
    amount_cents BIGINT NOT NULL,
    description TEXT,
    -- The redemption a RECEIVABLE entry comes from.
    customer_offer_id BIGINT UNIQUE REFERENCES customer_offers (id),
    created_at TIMESTAMP NOT NULL,
    settled_at TIMESTAMP,
    settled_by BIGINT REFERENCES users (id)
);
CREATE INDEX commissions_by_partner ON commissions (workshop_id, partner_id, id);

CREATE TABLE offer_grant_jobs (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    workshop_id BIGINT NOT NULL REFERENCES workshops (id),
    offer_id BIGINT NOT NULL REFERENCES partner_offers (id),
    -- RUNNING or DONE.
    status TEXT NOT NULL,
    total INTEGER NOT NULL,
    done INTEGER NOT NULL DEFAULT 0,
    created_by BIGINT REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    finished_at TIMESTAMP
);
CREATE INDEX offer_grant_jobs_by_offer ON offer_grant_jobs (workshop_id, offer_id, id);
