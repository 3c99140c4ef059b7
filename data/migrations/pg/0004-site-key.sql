-- 0004-site-key.sql (PostgreSQL): the model of ../0004-site-key.sql, in this dialect.
ALTER TABLE install ADD COLUMN key_check BYTEA CHECK (key_check IS NULL OR length(key_check) = 32);
