DROP TABLE customer_access_log;
DROP TABLE data_exports;
