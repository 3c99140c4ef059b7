-- 0002-hardening.sql: who may use emergency access, enrolments that do not
-- replace a working app until confirmed, and a last-admin rule that holds
-- against every kind of statement.

-- Emergency access is for clinicians, not for any badge that exists.
INSERT INTO permissions (name, description) VALUES
  ('break-glass.use', 'Start an emergency (break-glass) session');
INSERT INTO role_permissions (role_id, permission_id)
  SELECT r.id, p.id FROM roles r, permissions p
   WHERE r.name IN ('nurse', 'charge-nurse') AND p.name = 'break-glass.use';

-- A new authenticator-app secret waits here until the person proves with a
-- first code that their phone has it; the working one stays usable.
CREATE TABLE totp_pending (
  user_id       INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  sealed_secret BLOB NOT NULL,
  algorithm     TEXT NOT NULL DEFAULT 'SHA1' CHECK (algorithm IN ('SHA1', 'SHA256', 'SHA512')),
  digits        INTEGER NOT NULL DEFAULT 6 CHECK (digits IN (6, 7, 8)),
  period        INTEGER NOT NULL DEFAULT 30 CHECK (period BETWEEN 15 AND 120),
  created_at    INTEGER NOT NULL
);

-- Rows are granted and revoked, never rewritten in place: an UPDATE could
-- move the last administrator's role or rename roles.manage away.
CREATE TRIGGER user_roles_no_update BEFORE UPDATE OF user_id, role_id ON user_roles
BEGIN
  SELECT RAISE (ABORT, 'wardgate:immutable');
END;
CREATE TRIGGER role_permissions_no_update BEFORE UPDATE ON role_permissions
BEGIN
  SELECT RAISE (ABORT, 'wardgate:immutable');
END;
CREATE TRIGGER permissions_no_rename BEFORE UPDATE OF name ON permissions
BEGIN
  SELECT RAISE (ABORT, 'wardgate:immutable');
END;
CREATE TRIGGER roles_no_rename BEFORE UPDATE OF name ON roles
BEGIN
  SELECT RAISE (ABORT, 'wardgate:immutable');
END;

-- The permission that lets anyone fix roles can never disappear.
CREATE TRIGGER permissions_keep_roles_manage BEFORE DELETE ON permissions
  WHEN OLD.name = 'roles.manage'
BEGIN
  SELECT RAISE (ABORT, 'wardgate:last-admin');
END;

-- The person making a high-alert change needs only the setting's own
-- permission; this one is what the independent second person must hold.
UPDATE permissions SET description = 'Check (witness) high-alert changes made by someone else'
 WHERE name = 'device.adjust.high-alert';
