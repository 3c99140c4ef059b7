-- 0004-integrity.sql (PostgreSQL): the model of ../0004-integrity.sql, in this dialect.

ALTER TABLE install ADD COLUMN key_check BYTEA CHECK (key_check IS NULL OR length (key_check) = 32);

ALTER TABLE badges ADD COLUMN enrolled_by BIGINT REFERENCES users (id);
ALTER TABLE fido_credentials ADD COLUMN enrolled_by BIGINT REFERENCES users (id);
ALTER TABLE totp_secrets ADD COLUMN enrolled_by BIGINT REFERENCES users (id);
ALTER TABLE totp_pending ADD COLUMN enrolled_by BIGINT REFERENCES users (id);

-- A disabled account takes no new credential. The account's row is locked
-- (FOR SHARE) so that a concurrent
-- disable waits for this insert or the insert sees it.
CREATE FUNCTION credential_not_disabled () RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (SELECT disabled FROM users WHERE id = NEW.user_id FOR SHARE) = 1 THEN
    RAISE EXCEPTION 'wardgate:disabled' USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER badges_not_disabled BEFORE INSERT ON badges
  FOR EACH ROW EXECUTE FUNCTION credential_not_disabled ();
CREATE TRIGGER fido_credentials_not_disabled BEFORE INSERT ON fido_credentials
  FOR EACH ROW EXECUTE FUNCTION credential_not_disabled ();
CREATE TRIGGER totp_pending_not_disabled BEFORE INSERT ON totp_pending
  FOR EACH ROW EXECUTE FUNCTION credential_not_disabled ();
CREATE TRIGGER totp_secrets_not_disabled BEFORE INSERT ON totp_secrets
  FOR EACH ROW EXECUTE FUNCTION credential_not_disabled ();
CREATE TRIGGER badges_owner_fixed BEFORE UPDATE OF user_id, uid_hash ON badges
  FOR EACH ROW EXECUTE FUNCTION wardgate_immutable ();
CREATE TRIGGER fido_credentials_owner_fixed BEFORE UPDATE OF user_id, credential_id, public_key ON fido_credentials
  FOR EACH ROW EXECUTE FUNCTION wardgate_immutable ();

-- Audit records are numbered 1, 2, 3… with no gap. Appenders hold the
-- chain head (audit_anchor's row) from reading it to COMMIT, so max (seq)
-- here is the one they read.
CREATE FUNCTION audit_sequence () RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.seq IS NULL OR NEW.seq <> coalesce ((SELECT max (seq) FROM audit), 0) + 1 THEN
    RAISE EXCEPTION 'wardgate:audit-sequence' USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER audit_sequence BEFORE INSERT ON audit
  FOR EACH ROW EXECUTE FUNCTION audit_sequence ();

-- (Emergency sessions per person and hour: sessions_user_started of 0001
-- is already the index SQLite's 0004 adds.)

ALTER TABLE users ADD COLUMN row_mac BYTEA;
ALTER TABLE user_roles ADD COLUMN row_mac BYTEA;
ALTER TABLE role_permissions ADD COLUMN row_mac BYTEA;
ALTER TABLE factor_policy ADD COLUMN row_mac BYTEA;
ALTER TABLE policy_settings ADD COLUMN row_mac BYTEA;
ALTER TABLE badges ADD COLUMN row_mac BYTEA;

-- Grants are still never rewritten; only their MAC may be written.
DROP TRIGGER role_permissions_no_update ON role_permissions;
CREATE TRIGGER role_permissions_no_update BEFORE UPDATE OF role_id, permission_id ON role_permissions
  FOR EACH ROW EXECUTE FUNCTION wardgate_immutable ();

-- The anchor starts at record 0 (no record yet) when the database is made.
ALTER TABLE audit_anchor DROP CONSTRAINT audit_anchor_seq_check;
ALTER TABLE audit_anchor ADD CONSTRAINT audit_anchor_seq_check CHECK (seq >= 0);

-- The server's own schema, described and MAC'd under the site key when the
-- migrations made it (data/ward-schema.c): a trigger, function or grant
-- planted later does not match it, and without the key it cannot be
-- described anew.
CREATE TABLE schema_seal (
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  description TEXT NOT NULL,
  mac         BYTEA NOT NULL CHECK (length (mac) = 32)
);
