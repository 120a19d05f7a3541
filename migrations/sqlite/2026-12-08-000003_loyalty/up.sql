-- Loyalty (programa de fidelidade): the workshop's programs, their pauses, the rewards applied to
-- service orders, and the "your next revision is free" notices. A customer's progress is derived
-- from their finished orders and the rewards applied; it is never stored.

-- A program: POINTS (points per whole real of each finished order, a reward at reward_points) or
-- VISITS (every visits_for_reward-th finished order is free). The fields of the other kind are 0.
CREATE TABLE loyalty_programs (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    workshop_id BIGINT NOT NULL REFERENCES workshops (id),
    name TEXT NOT NULL,
    description TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('POINTS', 'VISITS')),
    points_per_real BIGINT NOT NULL CHECK (points_per_real >= 0),
    reward_points BIGINT NOT NULL CHECK (reward_points >= 0),
    visits_for_reward BIGINT NOT NULL CHECK (visits_for_reward >= 0),
    reward_description TEXT NOT NULL,
    -- The reward's value; NULL: the labour (services) of the order it is applied to.
    reward_cents BIGINT CHECK (reward_cents > 0),
    status TEXT NOT NULL CHECK (status IN ('ACTIVE', 'PAUSED', 'ENDED')),
    -- Orders finished from started_at (and before ended_at) count.
    started_at TIMESTAMP NOT NULL,
    ended_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX loyalty_programs_workshop ON loyalty_programs (workshop_id, id);

-- A pause of a program: orders finished in it do not count.
CREATE TABLE loyalty_pauses (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    workshop_id BIGINT NOT NULL REFERENCES workshops (id),
    program_id BIGINT NOT NULL REFERENCES loyalty_programs (id),
    paused_at TIMESTAMP NOT NULL,
    resumed_at TIMESTAMP
);
CREATE INDEX loyalty_pauses_program ON loyalty_pauses (program_id);

-- A reward applied to an open service order as a discount. Removing it (or cancelling the order)
-- deletes the row, which gives the reward back.
CREATE TABLE loyalty_rewards (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    workshop_id BIGINT NOT NULL REFERENCES workshops (id),
    program_id BIGINT NOT NULL REFERENCES loyalty_programs (id),
    customer_id BIGINT NOT NULL REFERENCES customers (id),
    service_order_id BIGINT NOT NULL REFERENCES service_orders (id),
    -- The customer's how-many-th reward of the program: of two concurrent applications of the
    -- same reward exactly one is stored.
    ordinal BIGINT NOT NULL,
    points_spent BIGINT NOT NULL,
    discount_cents BIGINT NOT NULL CHECK (discount_cents >= 0),
    applied_by BIGINT NOT NULL REFERENCES users (id),
    applied_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX loyalty_rewards_order ON loyalty_rewards (program_id, service_order_id);
CREATE UNIQUE INDEX loyalty_rewards_ordinal ON loyalty_rewards (program_id, customer_id, ordinal);
CREATE INDEX loyalty_rewards_customer ON loyalty_rewards (workshop_id, customer_id);
CREATE INDEX loyalty_rewards_service_order ON loyalty_rewards (service_order_id);

-- "Sua próxima revisão é grátis": queued once per reward of a VISITS program, even with two nodes.
CREATE TABLE loyalty_notices (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    workshop_id BIGINT NOT NULL REFERENCES workshops (id),
    program_id BIGINT NOT NULL REFERENCES loyalty_programs (id),
    customer_id BIGINT NOT NULL REFERENCES customers (id),
    reward_number BIGINT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX loyalty_notices_reward ON loyalty_notices (program_id, customer_id, reward_number);
