-- 0001-initial.sql: the whole schema of DESIGN.md's data section.
-- Times are Unix seconds (UTC) unless the column says _us (microseconds).

CREATE TABLE install (
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  install_id  TEXT NOT NULL,
  created_at  INTEGER NOT NULL
);

CREATE TABLE users (
  id          INTEGER PRIMARY KEY,
  username    TEXT NOT NULL UNIQUE COLLATE NOCASE
              CHECK (length(username) BETWEEN 2 AND 32),
  full_name   TEXT NOT NULL CHECK (length(full_name) BETWEEN 1 AND 128),
  disabled    INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  created_at  INTEGER NOT NULL,
  disabled_at INTEGER
);

CREATE TABLE roles (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE,
  description TEXT NOT NULL
);

CREATE TABLE permissions (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE,
  description TEXT NOT NULL
);

CREATE TABLE role_permissions (
  role_id       INTEGER NOT NULL REFERENCES roles (id) ON DELETE CASCADE,
  permission_id INTEGER NOT NULL REFERENCES permissions (id) ON DELETE CASCADE,
  PRIMARY KEY (role_id, permission_id)
) WITHOUT ROWID;

CREATE TABLE user_roles (
  user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role_id     INTEGER NOT NULL REFERENCES roles (id) ON DELETE CASCADE,
  granted_at  INTEGER NOT NULL,
  granted_by  TEXT NOT NULL,
  PRIMARY KEY (user_id, role_id)
) WITHOUT ROWID;

-- Only a keyed hash of the card UID is kept (HMAC-SHA-256 under the install key).
CREATE TABLE badges (
  id          INTEGER PRIMARY KEY,
  user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  uid_hash    BLOB NOT NULL UNIQUE CHECK (length(uid_hash) = 32),
  created_at  INTEGER NOT NULL,
  revoked_at  INTEGER
);
CREATE INDEX badges_user ON badges (user_id);

CREATE TABLE fido_credentials (
  id            INTEGER PRIMARY KEY,
  user_id       INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  credential_id BLOB NOT NULL UNIQUE,
  cose_alg      INTEGER NOT NULL,
  public_key    BLOB NOT NULL,
  sign_count    INTEGER NOT NULL DEFAULT 0 CHECK (sign_count >= 0),
  aaguid        BLOB,
  rp_id         TEXT NOT NULL,
  label         TEXT NOT NULL DEFAULT '',
  created_at    INTEGER NOT NULL,
  last_used_at  INTEGER,
  revoked_at    INTEGER
);
CREATE INDEX fido_credentials_user ON fido_credentials (user_id);

-- The secret is sealed (AES-256-GCM under the install key); last_step is the
-- RFC 6238 time step of the last accepted code, so no code is accepted twice.
CREATE TABLE totp_secrets (
  user_id       INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  sealed_secret BLOB NOT NULL,
  algorithm     TEXT NOT NULL DEFAULT 'SHA1' CHECK (algorithm IN ('SHA1', 'SHA256', 'SHA512')),
  digits        INTEGER NOT NULL DEFAULT 6 CHECK (digits IN (6, 7, 8)),
  period        INTEGER NOT NULL DEFAULT 30 CHECK (period BETWEEN 15 AND 120),
  last_step     INTEGER,
  confirmed_at  INTEGER,
  created_at    INTEGER NOT NULL
);

CREATE TABLE auth_failures (
  user_id         INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  factor          TEXT NOT NULL CHECK (factor IN ('badge', 'key', 'pin', 'totp')),
  consecutive     INTEGER NOT NULL DEFAULT 0 CHECK (consecutive >= 0),
  last_failure_at INTEGER,
  locked_at       INTEGER,
  PRIMARY KEY (user_id, factor)
) WITHOUT ROWID;

-- Unknown badges belong to no user: they are counted per kiosk.
CREATE TABLE kiosk_failures (
  kiosk_id        TEXT NOT NULL,
  factor          TEXT NOT NULL,
  consecutive     INTEGER NOT NULL DEFAULT 0,
  last_failure_at INTEGER,
  PRIMARY KEY (kiosk_id, factor)
) WITHOUT ROWID;

CREATE TABLE factor_policy (
  role_id     INTEGER PRIMARY KEY REFERENCES roles (id) ON DELETE CASCADE,
  needs_badge INTEGER NOT NULL DEFAULT 1 CHECK (needs_badge IN (0, 1)),
  needs_key   INTEGER NOT NULL DEFAULT 1 CHECK (needs_key IN (0, 1)),
  needs_totp  INTEGER NOT NULL DEFAULT 1 CHECK (needs_totp IN (0, 1)),
  needs_uv    INTEGER NOT NULL DEFAULT 0 CHECK (needs_uv IN (0, 1))
);

CREATE TABLE policy_settings (
  name  TEXT PRIMARY KEY,
  value INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE sessions (
  id               INTEGER PRIMARY KEY,
  user_id          INTEGER NOT NULL REFERENCES users (id),
  kiosk_id         TEXT NOT NULL,
  kind             TEXT NOT NULL DEFAULT 'normal' CHECK (kind IN ('normal', 'break-glass')),
  reason           TEXT,
  started_at       INTEGER NOT NULL,
  last_activity_at INTEGER NOT NULL,
  last_strong_at   INTEGER NOT NULL,
  ended_at         INTEGER,
  end_reason       TEXT,
  reviewed_by      INTEGER REFERENCES users (id),
  reviewed_at      INTEGER,
  CHECK (kind = 'normal' OR length(reason) >= 10)
);
CREATE INDEX sessions_review ON sessions (kind, reviewed_at);

CREATE TABLE devices (
  id          TEXT PRIMARY KEY,
  class       TEXT NOT NULL,
  bed         TEXT NOT NULL,
  label       TEXT NOT NULL,
  last_seen_at INTEGER
) WITHOUT ROWID;

CREATE TABLE device_settings (
  device_id   TEXT NOT NULL REFERENCES devices (id) ON DELETE CASCADE,
  parameter   TEXT NOT NULL,
  value       REAL,
  text_value  TEXT,
  updated_at  INTEGER NOT NULL,
  PRIMARY KEY (device_id, parameter)
) WITHOUT ROWID;

CREATE TABLE setting_changes (
  id             INTEGER PRIMARY KEY,
  change_id      TEXT NOT NULL UNIQUE,
  device_id      TEXT NOT NULL,
  parameter      TEXT NOT NULL,
  drug           TEXT,
  old_value      REAL,
  new_value      REAL NOT NULL,
  unit           TEXT NOT NULL,
  reason         TEXT,
  user_id        INTEGER NOT NULL REFERENCES users (id),
  witness_id     INTEGER REFERENCES users (id),
  session_id     INTEGER REFERENCES sessions (id),
  requested_at   INTEGER NOT NULL,
  outcome        TEXT NOT NULL DEFAULT 'pending'
                 CHECK (outcome IN ('pending', 'applied', 'refused', 'no-answer')),
  outcome_detail TEXT,
  answered_at    INTEGER,
  CHECK (witness_id IS NULL OR witness_id != user_id)
);
CREATE INDEX setting_changes_device ON setting_changes (device_id, requested_at);

CREATE TABLE awareness_answers (
  id          INTEGER PRIMARY KEY,
  user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  prompt_id   TEXT NOT NULL,
  topic       TEXT NOT NULL,
  choice      TEXT,
  correct     INTEGER NOT NULL DEFAULT 0 CHECK (correct IN (0, 1)),
  skipped     INTEGER NOT NULL DEFAULT 0 CHECK (skipped IN (0, 1)),
  answered_at INTEGER NOT NULL
);
CREATE INDEX awareness_answers_user ON awareness_answers (user_id, answered_at);

-- Append-only and hash-chained: hash = HMAC-SHA-256(audit key, prev_hash ‖ canonical row).
CREATE TABLE audit (
  seq        INTEGER PRIMARY KEY,
  at_us      INTEGER NOT NULL,
  event      TEXT NOT NULL,
  actor      TEXT NOT NULL,
  subject    TEXT NOT NULL DEFAULT '',
  kiosk_id   TEXT NOT NULL,
  details    TEXT NOT NULL DEFAULT '{}',
  flagged    INTEGER NOT NULL DEFAULT 0 CHECK (flagged IN (0, 1)),
  prev_hash  BLOB NOT NULL CHECK (length(prev_hash) = 32),
  hash       BLOB NOT NULL CHECK (length(hash) = 32)
);
CREATE INDEX audit_event ON audit (event, at_us);

-- Defence in depth: the chain detects tampering, these stop the honest mistake.
CREATE TRIGGER audit_append_only_update BEFORE UPDATE ON audit
BEGIN
  SELECT RAISE (ABORT, 'audit records are append-only');
END;
CREATE TRIGGER audit_append_only_delete BEFORE DELETE ON audit
BEGIN
  SELECT RAISE (ABORT, 'audit records are append-only');
END;

-- Roles and permissions: deny by default, nothing is granted that is not listed.
INSERT INTO permissions (name, description) VALUES
  ('device.view',              'See the bedside devices and their settings'),
  ('device.adjust',            'Change bedside device settings within limits'),
  ('device.adjust.high-alert', 'Make or witness high-alert changes'),
  ('device.configure',         'Configure devices and alarm defaults'),
  ('users.manage',             'Add, disable and view staff accounts'),
  ('roles.manage',             'Grant roles and edit what roles may do'),
  ('credentials.enroll',       'Enrol badges, security keys and codes'),
  ('accounts.unlock',          'Unlock accounts after failed sign-ins'),
  ('audit.view',               'Read and verify the audit trail'),
  ('awareness.report',         'See security-awareness results');

INSERT INTO roles (name, description) VALUES
  ('nurse',        'Bedside nursing staff'),
  ('charge-nurse', 'Nurse in charge of the ward'),
  ('biomed',       'Biomedical engineering'),
  ('admin',        'Kiosk and account administration'),
  ('break-glass',  'Emergency access, reviewed afterwards');

INSERT INTO role_permissions (role_id, permission_id)
  SELECT r.id, p.id FROM roles r, permissions p WHERE
       (r.name = 'nurse'        AND p.name IN ('device.view', 'device.adjust'))
    OR (r.name = 'charge-nurse' AND p.name IN ('device.view', 'device.adjust', 'device.adjust.high-alert',
                                               'credentials.enroll', 'accounts.unlock', 'awareness.report'))
    OR (r.name = 'biomed'       AND p.name IN ('device.view', 'device.configure', 'audit.view'))
    OR (r.name = 'admin'        AND p.name IN ('users.manage', 'roles.manage', 'credentials.enroll',
                                               'accounts.unlock', 'audit.view', 'awareness.report', 'device.view'))
    OR (r.name = 'break-glass'  AND p.name IN ('device.view', 'device.adjust'));

INSERT INTO factor_policy (role_id) SELECT id FROM roles;

INSERT INTO policy_settings (name, value) VALUES
  ('lockout-threshold', 10),
  ('delay-after-failures', 3),
  ('delay-base-seconds', 30);

-- An administrator is an active user holding roles.manage. The last one must
-- stay: without them nobody can ever grant a role again.
CREATE VIEW active_role_managers AS
  SELECT DISTINCT u.id AS user_id FROM users u
    JOIN user_roles ur ON ur.user_id = u.id
    JOIN role_permissions rp ON rp.role_id = ur.role_id
    JOIN permissions p ON p.id = rp.permission_id
   WHERE u.disabled = 0 AND p.name = 'roles.manage';

CREATE TRIGGER last_admin_role_revoked AFTER DELETE ON user_roles
  WHEN NOT EXISTS (SELECT 1 FROM active_role_managers)
   AND EXISTS (SELECT 1 FROM role_permissions rp JOIN permissions p ON p.id = rp.permission_id
                WHERE rp.role_id = OLD.role_id AND p.name = 'roles.manage')
   AND EXISTS (SELECT 1 FROM users WHERE id = OLD.user_id AND disabled = 0)
BEGIN
  SELECT RAISE (ABORT, 'wardgate:last-admin');
END;

CREATE TRIGGER last_admin_disabled AFTER UPDATE OF disabled ON users
  WHEN NEW.disabled = 1 AND OLD.disabled = 0
   AND NOT EXISTS (SELECT 1 FROM active_role_managers)
   AND EXISTS (SELECT 1 FROM user_roles ur JOIN role_permissions rp ON rp.role_id = ur.role_id
                 JOIN permissions p ON p.id = rp.permission_id
                WHERE ur.user_id = NEW.id AND p.name = 'roles.manage')
BEGIN
  SELECT RAISE (ABORT, 'wardgate:last-admin');
END;

-- Accounts are disabled, not deleted (the audit names them); should a row
-- ever be deleted, the same rule holds.
CREATE TRIGGER last_admin_deleted BEFORE DELETE ON users
  WHEN OLD.id IN (SELECT user_id FROM active_role_managers)
   AND (SELECT count(*) FROM active_role_managers) = 1
BEGIN
  SELECT RAISE (ABORT, 'wardgate:last-admin');
END;

CREATE TRIGGER last_admin_permission_removed AFTER DELETE ON role_permissions
  WHEN NOT EXISTS (SELECT 1 FROM active_role_managers)
   AND OLD.permission_id = (SELECT id FROM permissions WHERE name = 'roles.manage')
   AND EXISTS (SELECT 1 FROM user_roles ur JOIN users u ON u.id = ur.user_id
                WHERE ur.role_id = OLD.role_id AND u.disabled = 0)
BEGIN
  SELECT RAISE (ABORT, 'wardgate:last-admin');
END;
