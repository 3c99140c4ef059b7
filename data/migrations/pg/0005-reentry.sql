-- 0005-reentry.sql (PostgreSQL): the model of ../0005-reentry.sql, in this dialect.

CREATE TABLE reentry_policy (
  role_id BIGINT PRIMARY KEY REFERENCES roles (id) ON DELETE CASCADE,
  minutes INTEGER NOT NULL CHECK (minutes BETWEEN 0 AND 60),
  row_mac BYTEA
);

INSERT INTO reentry_policy (role_id, minutes)
  SELECT id, CASE WHEN name IN ('nurse', 'charge-nurse', 'biomed') THEN 30 ELSE 0 END FROM roles;
