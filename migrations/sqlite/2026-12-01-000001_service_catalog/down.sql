DROP TABLE services_search;
DROP TABLE services;
DROP TABLE products_search;
DROP TABLE products;
DROP TABLE units;
