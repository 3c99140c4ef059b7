-- 0004-integrity.sql: guards the database itself keeps, whoever writes to it:
-- no credential for a disabled account, who enrolled each credential, audit
-- records numbered from 1, and emergency uses counted where they are stored.

-- Tells a wrong install key from the right one before anything is written
-- with it (HMAC of a fixed text under a key derived from the install key).
ALTER TABLE install ADD COLUMN key_check BLOB CHECK (key_check IS NULL OR length (key_check) = 32);

-- Who enrolled a credential (NULL: before this was recorded). A person
-- whose rights grow must not keep credentials put there by someone who
-- could not have enrolled them for the new rights.
ALTER TABLE badges ADD COLUMN enrolled_by INTEGER REFERENCES users (id);
ALTER TABLE fido_credentials ADD COLUMN enrolled_by INTEGER REFERENCES users (id);
ALTER TABLE totp_secrets ADD COLUMN enrolled_by INTEGER REFERENCES users (id);
ALTER TABLE totp_pending ADD COLUMN enrolled_by INTEGER REFERENCES users (id);

-- A disabled account takes no new credential: enabling it later must not
-- bring back a badge or key someone slipped onto it meanwhile.
CREATE TRIGGER badges_not_disabled BEFORE INSERT ON badges
  WHEN (SELECT disabled FROM users WHERE id = NEW.user_id) = 1
BEGIN
  SELECT RAISE (ABORT, 'wardgate:disabled');
END;
CREATE TRIGGER fido_credentials_not_disabled BEFORE INSERT ON fido_credentials
  WHEN (SELECT disabled FROM users WHERE id = NEW.user_id) = 1
BEGIN
  SELECT RAISE (ABORT, 'wardgate:disabled');
END;
CREATE TRIGGER totp_pending_not_disabled BEFORE INSERT ON totp_pending
  WHEN (SELECT disabled FROM users WHERE id = NEW.user_id) = 1
BEGIN
  SELECT RAISE (ABORT, 'wardgate:disabled');
END;
CREATE TRIGGER totp_secrets_not_disabled BEFORE INSERT ON totp_secrets
  WHEN (SELECT disabled FROM users WHERE id = NEW.user_id) = 1
BEGIN
  SELECT RAISE (ABORT, 'wardgate:disabled');
END;
CREATE TRIGGER badges_owner_fixed BEFORE UPDATE OF user_id, uid_hash ON badges
BEGIN
  SELECT RAISE (ABORT, 'wardgate:immutable');
END;
CREATE TRIGGER fido_credentials_owner_fixed BEFORE UPDATE OF user_id, credential_id, public_key ON fido_credentials
BEGIN
  SELECT RAISE (ABORT, 'wardgate:immutable');
END;

-- Audit records are numbered 1, 2, 3… with no gap: a row numbered 0 or
-- below would sit before the chain's start where a walk from 1 never looks.
CREATE TRIGGER audit_sequence BEFORE INSERT ON audit
  WHEN NEW.seq IS NULL OR NEW.seq <> coalesce ((SELECT max (seq) FROM audit), 0) + 1
BEGIN
  SELECT RAISE (ABORT, 'wardgate:audit-sequence');
END;

-- Emergency sessions are counted per person and hour at the moment one is
-- opened, inside the same statement's transaction.
CREATE INDEX sessions_user_kind ON sessions (user_id, kind, started_at);

-- The rows that decide who may do what carry a MAC under a key derived from
-- the install key (computed and checked by Wardgate, data/ward-row-guard.c):
-- a grant, a disabled flag, a policy or a badge written with plain SQL is
-- refused when read.
ALTER TABLE users ADD COLUMN row_mac BLOB;
ALTER TABLE user_roles ADD COLUMN row_mac BLOB;
ALTER TABLE role_permissions ADD COLUMN row_mac BLOB;
ALTER TABLE factor_policy ADD COLUMN row_mac BLOB;
ALTER TABLE policy_settings ADD COLUMN row_mac BLOB;
ALTER TABLE badges ADD COLUMN row_mac BLOB;

-- Grants are still never rewritten; only their MAC may be written.
DROP TRIGGER role_permissions_no_update;
CREATE TRIGGER role_permissions_no_update BEFORE UPDATE OF role_id, permission_id ON role_permissions
BEGIN
  SELECT RAISE (ABORT, 'wardgate:immutable');
END;
