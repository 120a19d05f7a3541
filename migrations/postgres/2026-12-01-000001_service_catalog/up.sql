-- The service catalog: the parts (products) and the labour (services) a workshop sells.

-- Units of measure. A fixed list, the domain's `Unit` enum: its rows live here, not in a catalog file.
CREATE TABLE units (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    -- Whether a quantity may have up to 3 decimals (litres, kilograms, metres).
    decimals BOOLEAN NOT NULL
);
INSERT INTO units (code, name, decimals) VALUES
    ('UN', 'Unidade', FALSE),
    ('PC', 'Peça', FALSE),
    ('L', 'Litro', TRUE),
    ('KG', 'Quilograma', TRUE),
    ('M', 'Metro', TRUE),
    ('JG', 'Jogo', FALSE),
    ('KIT', 'Kit', FALSE);

CREATE TABLE products (
    id BIGSERIAL PRIMARY KEY,
    workshop_id BIGINT NOT NULL REFERENCES workshops (id),
    reference TEXT NOT NULL,
    name TEXT NOT NULL,
    unit TEXT NOT NULL REFERENCES units (code),
    price_cents BIGINT NOT NULL,
    -- Quantities in thousandths of the unit (1.5 L is 1500).
    stock_milli BIGINT NOT NULL,
    minimum_stock_milli BIGINT NOT NULL,
    warranty_days INTEGER,
    warranty_km INTEGER,
    active BOOLEAN NOT NULL DEFAULT TRUE,
    -- Lower-case, unaccented, without punctuation: reference and name.
    search_text TEXT NOT NULL,
    -- The normalized name: the order of lists and the key of their cursors.
    sort_name TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (workshop_id, reference)
);
CREATE INDEX products_workshop_sort ON products (workshop_id, sort_name, id);
CREATE INDEX products_search_trgm ON products USING gin (search_text gin_trgm_ops);

CREATE TABLE services (
    id BIGSERIAL PRIMARY KEY,
    workshop_id BIGINT NOT NULL REFERENCES workshops (id),
    reference TEXT NOT NULL,
    name TEXT NOT NULL,
    price_cents BIGINT NOT NULL,
    estimated_minutes INTEGER,
    warranty_days INTEGER,
    warranty_km INTEGER,
    active BOOLEAN NOT NULL DEFAULT TRUE,
    search_text TEXT NOT NULL,
    sort_name TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (workshop_id, reference)
);
CREATE INDEX services_workshop_sort ON services (workshop_id, sort_name, id);
CREATE INDEX services_search_trgm ON services USING gin (search_text gin_trgm_ops);
