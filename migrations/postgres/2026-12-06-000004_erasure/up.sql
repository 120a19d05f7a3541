-- LGPD erasure: when an ADMIN anonymised the customer (irreversible). The row stays, with a
-- pseudonym for a name and a document no CPF or CNPJ can equal, so orders and payments keep it.
ALTER TABLE customers ADD COLUMN erased_at TIMESTAMP;
