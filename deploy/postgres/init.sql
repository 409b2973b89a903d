-- One database and one owner role per service; each role may connect to its own database only.
CREATE ROLE order_service LOGIN PASSWORD 'order_service';
CREATE ROLE inventory_service LOGIN PASSWORD 'inventory_service';
CREATE ROLE payment_service LOGIN PASSWORD 'payment_service';
CREATE ROLE shipping_service LOGIN PASSWORD 'shipping_service';

CREATE DATABASE orders OWNER order_service;
CREATE DATABASE inventory OWNER inventory_service;
CREATE DATABASE payments OWNER payment_service;
CREATE DATABASE shipping OWNER shipping_service;

REVOKE ALL ON DATABASE orders FROM PUBLIC;
REVOKE ALL ON DATABASE inventory FROM PUBLIC;
REVOKE ALL ON DATABASE payments FROM PUBLIC;
REVOKE ALL ON DATABASE shipping FROM PUBLIC;
