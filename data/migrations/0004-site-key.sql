-- 0004-site-key.sql: the site key's check value, so that a kiosk or the
-- command line with a wrong key is refused instead of writing garbage.
ALTER TABLE install ADD COLUMN key_check BLOB CHECK (key_check IS NULL OR length(key_check) = 32);
