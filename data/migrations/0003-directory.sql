-- 0003-directory.sql: people and roles taken from the hospital directory
-- (LDAP / Active Directory). Badges, keys and app secrets stay enrolled here.

-- One directory per site. The bind password is sealed with the install key
-- (AES-256-GCM), like app secrets: a copy of the database alone reveals it not.
CREATE TABLE directory_settings (
  id                 INTEGER PRIMARY KEY CHECK (id = 1),
  uri                TEXT NOT NULL,
  base_dn            TEXT NOT NULL,
  bind_dn            TEXT NOT NULL,
  sealed_password    BLOB NOT NULL,
  user_filter        TEXT NOT NULL,
  ca_file            TEXT,
  starttls           INTEGER NOT NULL DEFAULT 0 CHECK (starttls IN (0, 1)),
  insecure           INTEGER NOT NULL DEFAULT 0 CHECK (insecure IN (0, 1)),
  disabled_attribute TEXT,
  updated_at         INTEGER NOT NULL,
  updated_by         TEXT NOT NULL
);

-- Which directory group gives which role. Only an administrator maps a
-- group; nothing is inferred from a group's name.
CREATE TABLE directory_role_maps (
  group_dn   TEXT NOT NULL CHECK (length(group_dn) BETWEEN 3 AND 1024),
  role_id    INTEGER NOT NULL REFERENCES roles (id) ON DELETE CASCADE,
  mapped_at  INTEGER NOT NULL,
  mapped_by  TEXT NOT NULL,
  PRIMARY KEY (group_dn, role_id)
) WITHOUT ROWID;

-- The accounts the directory owns: their names, whether they are active and
-- their mapped roles come from it and are not edited by hand.
CREATE TABLE directory_accounts (
  user_id    INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  dn         TEXT NOT NULL,
  linked_at  INTEGER NOT NULL
);
