-- 0002-hardening.sql (PostgreSQL): the model of ../0002-hardening.sql, in this dialect.

INSERT INTO permissions (name, description) VALUES
  ('break-glass.use', 'Start an emergency (break-glass) session');
INSERT INTO role_permissions (role_id, permission_id)
  SELECT r.id, p.id FROM roles r, permissions p
   WHERE r.name IN ('nurse', 'charge-nurse') AND p.name = 'break-glass.use';

CREATE TABLE totp_pending (
  user_id       BIGINT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  sealed_secret BYTEA NOT NULL,
  algorithm     TEXT NOT NULL DEFAULT 'SHA1' CHECK (algorithm IN ('SHA1', 'SHA256', 'SHA512')),
  digits        INTEGER NOT NULL DEFAULT 6 CHECK (digits IN (6, 7, 8)),
  period        INTEGER NOT NULL DEFAULT 30 CHECK (period BETWEEN 15 AND 120),
  created_at    BIGINT NOT NULL
);

CREATE FUNCTION wardgate_immutable () RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'wardgate:immutable' USING ERRCODE = 'integrity_constraint_violation';
END $$;
CREATE TRIGGER user_roles_no_update BEFORE UPDATE OF user_id, role_id ON user_roles
  FOR EACH ROW EXECUTE FUNCTION wardgate_immutable ();
CREATE TRIGGER role_permissions_no_update BEFORE UPDATE ON role_permissions
  FOR EACH ROW EXECUTE FUNCTION wardgate_immutable ();
CREATE TRIGGER permissions_no_rename BEFORE UPDATE OF name ON permissions
  FOR EACH ROW EXECUTE FUNCTION wardgate_immutable ();
CREATE TRIGGER roles_no_rename BEFORE UPDATE OF name ON roles
  FOR EACH ROW EXECUTE FUNCTION wardgate_immutable ();

CREATE FUNCTION permissions_keep_roles_manage () RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.name = 'roles.manage' THEN
    RAISE EXCEPTION 'wardgate:last-admin' USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN OLD;
END $$;
CREATE TRIGGER permissions_keep_roles_manage BEFORE DELETE ON permissions
  FOR EACH ROW EXECUTE FUNCTION permissions_keep_roles_manage ();

UPDATE permissions SET description = 'Check (witness) high-alert changes made by someone else'
 WHERE name = 'device.adjust.high-alert';
