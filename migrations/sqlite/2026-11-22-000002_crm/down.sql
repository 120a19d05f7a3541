DROP TABLE vehicles;
DROP TABLE vehicle_models;
DROP TABLE customer_addresses;
DROP TABLE customer_phones;
DROP TABLE customer_emails;
DROP TABLE customers_search;
DROP TABLE customers;
DROP TABLE states;
