-- Customers (with their e-mails, phones and addresses) and their vehicles.
-- The 27 federative units. The rows of states and of the seeded vehicle_models are in
-- domain/src/crm/catalog.json, inserted by the domain after every migration run.
CREATE TABLE states (
    code TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL
);

CREATE TABLE customers (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    workshop_id BIGINT NOT NULL REFERENCES workshops (id),
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    document TEXT NOT NULL,
    rg TEXT,
    birth_date DATE,
    marketing_consent BOOLEAN NOT NULL DEFAULT FALSE,
    marketing_consent_at TIMESTAMP,
    -- Lower-case, unaccented, without punctuation: name, document, e-mails, phones and plates.
    search_text TEXT NOT NULL,
    -- The normalized name: the order of lists and the key of their cursors.
    sort_name TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (workshop_id, document)
);
CREATE INDEX customers_workshop_sort ON customers (workshop_id, sort_name, id);
-- Trigram full-text index kept in step by triggers: substring search without a full scan.
CREATE VIRTUAL TABLE customers_search USING fts5 (search_text, content = 'customers', content_rowid = 'id', tokenize = 'trigram');
CREATE TRIGGER customers_search_insert AFTER INSERT ON customers BEGIN
    INSERT INTO customers_search (rowid, search_text) VALUES (new.id, new.search_text);
END;
CREATE TRIGGER customers_search_delete AFTER DELETE ON customers BEGIN
    INSERT INTO customers_search (customers_search, rowid, search_text) VALUES ('delete', old.id, old.search_text);
END;
CREATE TRIGGER customers_search_update AFTER UPDATE OF search_text ON customers BEGIN
    INSERT INTO customers_search (customers_search, rowid, search_text) VALUES ('delete', old.id, old.search_text);
    INSERT INTO customers_search (rowid, search_text) VALUES (new.id, new.search_text);
END;

CREATE TABLE customer_emails (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    workshop_id BIGINT NOT NULL REFERENCES workshops (id),
    customer_id BIGINT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    email TEXT NOT NULL
);
CREATE INDEX customer_emails_customer ON customer_emails (customer_id, position);

CREATE TABLE customer_phones (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    workshop_id BIGINT NOT NULL REFERENCES workshops (id),
    customer_id BIGINT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    ddd TEXT NOT NULL,
    number TEXT NOT NULL,
    kind TEXT NOT NULL
);
CREATE INDEX customer_phones_customer ON customer_phones (customer_id, position);

CREATE TABLE customer_addresses (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    workshop_id BIGINT NOT NULL REFERENCES workshops (id),
    customer_id BIGINT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    kind TEXT NOT NULL,
    street TEXT NOT NULL,
    number TEXT NOT NULL,
    district TEXT NOT NULL,
    complement TEXT,
    city TEXT NOT NULL,
    state TEXT NOT NULL REFERENCES states (code),
    cep TEXT NOT NULL
);
CREATE INDEX customer_addresses_customer ON customer_addresses (customer_id, position);

-- Brands and models: the seeded catalog (workshop_id NULL) and what each workshop added.
CREATE TABLE vehicle_models (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    workshop_id BIGINT REFERENCES workshops (id),
    kind TEXT NOT NULL,
    brand TEXT NOT NULL,
    model TEXT NOT NULL
);
CREATE UNIQUE INDEX vehicle_models_unique ON vehicle_models (COALESCE(workshop_id, 0), kind, lower(brand), lower(model));

CREATE TABLE vehicles (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    workshop_id BIGINT NOT NULL REFERENCES workshops (id),
    customer_id BIGINT NOT NULL REFERENCES customers (id),
    plate TEXT NOT NULL,
    kind TEXT NOT NULL,
    brand TEXT NOT NULL,
    model TEXT NOT NULL,
    year INTEGER NOT NULL,
    fuel TEXT,
    doors INTEGER,
    color TEXT,
    odometer_km BIGINT,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (workshop_id, plate)
);
CREATE INDEX vehicles_customer ON vehicles (customer_id);
