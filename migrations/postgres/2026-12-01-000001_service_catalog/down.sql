DROP TABLE services;
DROP TABLE products;
DROP TABLE units;
