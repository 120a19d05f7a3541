DROP TABLE events;
DROP TABLE sessions;
DROP TABLE memberships;
DROP TABLE users;
DROP TABLE workshops;
