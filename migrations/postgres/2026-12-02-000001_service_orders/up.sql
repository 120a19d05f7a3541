-- Service orders (ordens de serviço): their items, the installments of their payment and the stock
-- movements finishing them makes.

-- The number the workshop's next order gets (an ADMIN may raise it to continue an older system's
-- numbering), and whether finishing an order may take a product's stock below zero.
ALTER TABLE workshops ADD COLUMN next_service_order_number BIGINT NOT NULL DEFAULT 1;
ALTER TABLE workshops ADD COLUMN allow_negative_stock BOOLEAN NOT NULL DEFAULT FALSE;

-- The next revision the last finished order set, for the reminders.
ALTER TABLE vehicles ADD COLUMN next_revision_date DATE;
ALTER TABLE vehicles ADD COLUMN next_revision_km BIGINT;

-- How long after a service the car should come back: the order's suggested next revision.
ALTER TABLE services ADD COLUMN revision_days INTEGER;
ALTER TABLE services ADD COLUMN revision_km INTEGER;

CREATE TABLE service_orders (
    id BIGSERIAL PRIMARY KEY,
    workshop_id BIGINT NOT NULL REFERENCES workshops (id),
    number BIGINT NOT NULL,
    customer_id BIGINT NOT NULL REFERENCES customers (id),
    vehicle_id BIGINT NOT NULL REFERENCES vehicles (id),
    -- The MECHANIC membership the order is assigned to.
    mechanic_id BIGINT REFERENCES memberships (id),
    -- QUOTE, IN_PROGRESS, FINISHED or CANCELLED.
    status TEXT NOT NULL,
    odometer_km BIGINT,
    notes TEXT,
    -- Totals in centavos, recomputed by every change of the items, discount or taxes.
    services_cents BIGINT NOT NULL,
    parts_cents BIGINT NOT NULL,
    discount_cents BIGINT NOT NULL,
    taxes_cents BIGINT NOT NULL,
    final_cents BIGINT NOT NULL,
    payment_method TEXT,
    next_revision_date DATE,
    next_revision_km BIGINT,
    cancel_reason TEXT,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    started_at TIMESTAMP,
    finished_at TIMESTAMP,
    cancelled_at TIMESTAMP,
    UNIQUE (workshop_id, number)
);
CREATE INDEX service_orders_workshop_status ON service_orders (workshop_id, status, id);
CREATE INDEX service_orders_customer ON service_orders (workshop_id, customer_id, finished_at);
CREATE INDEX service_orders_vehicle ON service_orders (workshop_id, vehicle_id, id);
CREATE INDEX service_orders_mechanic ON service_orders (workshop_id, mechanic_id, id);

CREATE TABLE service_order_items (
    id BIGSERIAL PRIMARY KEY,
    workshop_id BIGINT NOT NULL REFERENCES workshops (id),
    service_order_id BIGINT NOT NULL REFERENCES service_orders (id),
    -- A part or labour, never both.
    product_id BIGINT REFERENCES products (id),
    service_id BIGINT REFERENCES services (id),
    -- The catalog item's name when it was added.
    description TEXT NOT NULL,
    -- In thousandths of the unit.
    quantity_milli BIGINT NOT NULL,
    -- The price when it was added (or as the staff set it).
    unit_price_cents BIGINT NOT NULL,
    total_cents BIGINT NOT NULL,
    warranty_days INTEGER,
    warranty_km INTEGER,
    created_at TIMESTAMP NOT NULL,
    CHECK ((product_id IS NULL) <> (service_id IS NULL))
);
CREATE INDEX service_order_items_order ON service_order_items (service_order_id, id);

CREATE TABLE installments (
    id BIGSERIAL PRIMARY KEY,
    workshop_id BIGINT NOT NULL REFERENCES workshops (id),
    service_order_id BIGINT NOT NULL REFERENCES service_orders (id),
    number INTEGER NOT NULL,
    due_date DATE NOT NULL,
    amount_cents BIGINT NOT NULL,
    -- CASH, CREDIT_CARD, DEBIT_CARD, PIX, BOLETO or BARTER.
    method TEXT NOT NULL,
    paid_at TIMESTAMP,
    paid_by_user_id BIGINT REFERENCES users (id),
    UNIQUE (service_order_id, number)
);

CREATE TABLE stock_movements (
    id BIGSERIAL PRIMARY KEY,
    workshop_id BIGINT NOT NULL REFERENCES workshops (id),
    product_id BIGINT NOT NULL REFERENCES products (id),
    -- The order that took (negative) or returned the quantity, if any.
    service_order_id BIGINT REFERENCES service_orders (id),
    -- In thousandths of the unit: negative out of stock, positive into it.
    quantity_milli BIGINT NOT NULL,
    actor_user_id BIGINT REFERENCES users (id),
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX stock_movements_product ON stock_movements (workshop_id, product_id, id);
