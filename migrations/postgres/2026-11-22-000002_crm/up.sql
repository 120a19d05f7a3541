-- Customers (with their e-mails, phones and addresses) and their vehicles.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE states (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL
);
INSERT INTO states (code, name) VALUES
    ('AC', 'Acre'), ('AL', 'Alagoas'), ('AP', 'Amapá'), ('AM', 'Amazonas'), ('BA', 'Bahia'),
    ('CE', 'Ceará'), ('DF', 'Distrito Federal'), ('ES', 'Espírito Santo'), ('GO', 'Goiás'),
    ('MA', 'Maranhão'), ('MT', 'Mato Grosso'), ('MS', 'Mato Grosso do Sul'), ('MG', 'Minas Gerais'),
    ('PA', 'Pará'), ('PB', 'Paraíba'), ('PR', 'Paraná'), ('PE', 'Pernambuco'), ('PI', 'Piauí'),
    ('RJ', 'Rio de Janeiro'), ('RN', 'Rio Grande do Norte'), ('RS', 'Rio Grande do Sul'),
    ('RO', 'Rondônia'), ('RR', 'Roraima'), ('SC', 'Santa Catarina'), ('SP', 'São Paulo'),
    ('SE', 'Sergipe'), ('TO', 'Tocantins');

CREATE TABLE customers (
    id BIGSERIAL PRIMARY KEY,
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
CREATE INDEX customers_search_trgm ON customers USING gin (search_text gin_trgm_ops);

CREATE TABLE customer_emails (
    id BIGSERIAL PRIMARY KEY,
    workshop_id BIGINT NOT NULL REFERENCES workshops (id),
    customer_id BIGINT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    email TEXT NOT NULL
);
CREATE INDEX customer_emails_customer ON customer_emails (customer_id, position);

CREATE TABLE customer_phones (
    id BIGSERIAL PRIMARY KEY,
    workshop_id BIGINT NOT NULL REFERENCES workshops (id),
    customer_id BIGINT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    ddd TEXT NOT NULL,
    number TEXT NOT NULL,
    kind TEXT NOT NULL
);
CREATE INDEX customer_phones_customer ON customer_phones (customer_id, position);

CREATE TABLE customer_addresses (
    id BIGSERIAL PRIMARY KEY,
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
    id BIGSERIAL PRIMARY KEY,
    workshop_id BIGINT REFERENCES workshops (id),
    kind TEXT NOT NULL,
    brand TEXT NOT NULL,
    model TEXT NOT NULL
);
CREATE UNIQUE INDEX vehicle_models_unique ON vehicle_models (COALESCE(workshop_id, 0), kind, lower(brand), lower(model));

-- The seeded catalog of brands and models common in Brazil.
INSERT INTO vehicle_models (workshop_id, kind, brand, model) VALUES
    (NULL, 'CAR', 'Fiat', 'Argo'),
    (NULL, 'CAR', 'Fiat', 'Mobi'),
    (NULL, 'CAR', 'Fiat', 'Strada'),
    (NULL, 'CAR', 'Fiat', 'Toro'),
    (NULL, 'CAR', 'Fiat', 'Uno'),
    (NULL, 'CAR', 'Fiat', 'Palio'),
    (NULL, 'CAR', 'Fiat', 'Cronos'),
    (NULL, 'CAR', 'Fiat', 'Pulse'),
    (NULL, 'CAR', 'Fiat', 'Fastback'),
    (NULL, 'CAR', 'Fiat', 'Siena'),
    (NULL, 'CAR', 'Fiat', 'Fiorino'),
    (NULL, 'CAR', 'Volkswagen', 'Gol'),
    (NULL, 'CAR', 'Volkswagen', 'Polo'),
    (NULL, 'CAR', 'Volkswagen', 'T-Cross'),
    (NULL, 'CAR', 'Volkswagen', 'Nivus'),
    (NULL, 'CAR', 'Volkswagen', 'Virtus'),
    (NULL, 'CAR', 'Volkswagen', 'Saveiro'),
    (NULL, 'CAR', 'Volkswagen', 'Fox'),
    (NULL, 'CAR', 'Volkswagen', 'Voyage'),
    (NULL, 'CAR', 'Volkswagen', 'Amarok'),
    (NULL, 'CAR', 'Volkswagen', 'Up!'),
    (NULL, 'CAR', 'Volkswagen', 'Jetta'),
    (NULL, 'CAR', 'Chevrolet', 'Onix'),
    (NULL, 'CAR', 'Chevrolet', 'Onix Plus'),
    (NULL, 'CAR', 'Chevrolet', 'Tracker'),
    (NULL, 'CAR', 'Chevrolet', 'S10'),
    (NULL, 'CAR', 'Chevrolet', 'Spin'),
    (NULL, 'CAR', 'Chevrolet', 'Prisma'),
    (NULL, 'CAR', 'Chevrolet', 'Celta'),
    (NULL, 'CAR', 'Chevrolet', 'Cruze'),
    (NULL, 'CAR', 'Chevrolet', 'Montana'),
    (NULL, 'CAR', 'Chevrolet', 'Corsa'),
    (NULL, 'CAR', 'Ford', 'Ka'),
    (NULL, 'CAR', 'Ford', 'EcoSport'),
    (NULL, 'CAR', 'Ford', 'Ranger'),
    (NULL, 'CAR', 'Ford', 'Fiesta'),
    (NULL, 'CAR', 'Ford', 'Focus'),
    (NULL, 'CAR', 'Ford', 'Territory'),
    (NULL, 'CAR', 'Toyota', 'Corolla'),
    (NULL, 'CAR', 'Toyota', 'Corolla Cross'),
    (NULL, 'CAR', 'Toyota', 'Hilux'),
    (NULL, 'CAR', 'Toyota', 'Yaris'),
    (NULL, 'CAR', 'Toyota', 'Etios'),
    (NULL, 'CAR', 'Toyota', 'SW4'),
    (NULL, 'CAR', 'Hyundai', 'HB20'),
    (NULL, 'CAR', 'Hyundai', 'HB20S'),
    (NULL, 'CAR', 'Hyundai', 'Creta'),
    (NULL, 'CAR', 'Hyundai', 'Tucson'),
    (NULL, 'CAR', 'Renault', 'Kwid'),
    (NULL, 'CAR', 'Renault', 'Sandero'),
    (NULL, 'CAR', 'Renault', 'Logan'),
    (NULL, 'CAR', 'Renault', 'Duster'),
    (NULL, 'CAR', 'Renault', 'Oroch'),
    (NULL, 'CAR', 'Renault', 'Captur'),
    (NULL, 'CAR', 'Honda', 'Civic'),
    (NULL, 'CAR', 'Honda', 'City'),
    (NULL, 'CAR', 'Honda', 'Fit'),
    (NULL, 'CAR', 'Honda', 'HR-V'),
    (NULL, 'CAR', 'Honda', 'WR-V'),
    (NULL, 'CAR', 'Jeep', 'Renegade'),
    (NULL, 'CAR', 'Jeep', 'Compass'),
    (NULL, 'CAR', 'Jeep', 'Commander'),
    (NULL, 'CAR', 'Nissan', 'Kicks'),
    (NULL, 'CAR', 'Nissan', 'Versa'),
    (NULL, 'CAR', 'Nissan', 'March'),
    (NULL, 'CAR', 'Nissan', 'Frontier'),
    (NULL, 'CAR', 'Peugeot', '208'),
    (NULL, 'CAR', 'Peugeot', '2008'),
    (NULL, 'CAR', 'Peugeot', '3008'),
    (NULL, 'CAR', 'Citroën', 'C3'),
    (NULL, 'CAR', 'Citroën', 'C4 Cactus'),
    (NULL, 'CAR', 'Citroën', 'C3 Aircross'),
    (NULL, 'CAR', 'Mitsubishi', 'L200'),
    (NULL, 'CAR', 'Mitsubishi', 'Pajero'),
    (NULL, 'CAR', 'Mitsubishi', 'ASX'),
    (NULL, 'CAR', 'BYD', 'Dolphin'),
    (NULL, 'CAR', 'BYD', 'Dolphin Mini'),
    (NULL, 'CAR', 'BYD', 'Song Plus'),
    (NULL, 'CAR', 'Caoa Chery', 'Tiggo 5X'),
    (NULL, 'CAR', 'Caoa Chery', 'Tiggo 7'),
    (NULL, 'CAR', 'Caoa Chery', 'Tiggo 8'),
    (NULL, 'MOTORCYCLE', 'Honda', 'CG 160'),
    (NULL, 'MOTORCYCLE', 'Honda', 'Biz 125'),
    (NULL, 'MOTORCYCLE', 'Honda', 'Pop 110i'),
    (NULL, 'MOTORCYCLE', 'Honda', 'NXR 160 Bros'),
    (NULL, 'MOTORCYCLE', 'Honda', 'CB 300F Twister'),
    (NULL, 'MOTORCYCLE', 'Honda', 'PCX 160'),
    (NULL, 'MOTORCYCLE', 'Honda', 'XRE 300'),
    (NULL, 'MOTORCYCLE', 'Yamaha', 'Factor 150'),
    (NULL, 'MOTORCYCLE', 'Yamaha', 'Fazer 250'),
    (NULL, 'MOTORCYCLE', 'Yamaha', 'Crosser 150'),
    (NULL, 'MOTORCYCLE', 'Yamaha', 'NMax 160'),
    (NULL, 'MOTORCYCLE', 'Yamaha', 'Lander 250'),
    (NULL, 'MOTORCYCLE', 'Yamaha', 'MT-03'),
    (NULL, 'MOTORCYCLE', 'Suzuki', 'GSX-S750'),
    (NULL, 'MOTORCYCLE', 'Suzuki', 'V-Strom 650'),
    (NULL, 'MOTORCYCLE', 'Kawasaki', 'Ninja 400'),
    (NULL, 'MOTORCYCLE', 'Kawasaki', 'Z400'),
    (NULL, 'MOTORCYCLE', 'BMW', 'G 310 GS'),
    (NULL, 'MOTORCYCLE', 'BMW', 'R 1250 GS'),
    (NULL, 'MOTORCYCLE', 'Royal Enfield', 'Meteor 350'),
    (NULL, 'MOTORCYCLE', 'Royal Enfield', 'Himalayan'),
    (NULL, 'TRUCK', 'Mercedes-Benz', 'Accelo'),
    (NULL, 'TRUCK', 'Mercedes-Benz', 'Atego'),
    (NULL, 'TRUCK', 'Mercedes-Benz', 'Actros'),
    (NULL, 'TRUCK', 'Mercedes-Benz', 'Axor'),
    (NULL, 'TRUCK', 'Volvo', 'FH'),
    (NULL, 'TRUCK', 'Volvo', 'VM'),
    (NULL, 'TRUCK', 'Scania', 'R 450'),
    (NULL, 'TRUCK', 'Scania', 'P 320'),
    (NULL, 'TRUCK', 'Volkswagen', 'Delivery'),
    (NULL, 'TRUCK', 'Volkswagen', 'Constellation'),
    (NULL, 'TRUCK', 'Iveco', 'Daily'),
    (NULL, 'TRUCK', 'Iveco', 'Tector'),
    (NULL, 'TRUCK', 'Ford', 'Cargo');

CREATE TABLE vehicles (
    id BIGSERIAL PRIMARY KEY,
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
