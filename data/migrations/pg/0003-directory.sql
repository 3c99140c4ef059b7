-- 0003-directory.sql (PostgreSQL): the model of ../0003-directory.sql, in this dialect.

CREATE TABLE directory_settings (
  id                 INTEGER PRIMARY KEY CHECK (id = 1),
  uri                TEXT NOT NULL,
  base_dn            TEXT NOT NULL,
  bind_dn            TEXT NOT NULL,
  sealed_password    BYTEA NOT NULL,
  user_filter        TEXT NOT NULL,
  ca_file            TEXT,
  starttls           INTEGER NOT NULL DEFAULT 0 CHECK (starttls IN (0, 1)),
  insecure           INTEGER NOT NULL DEFAULT 0 CHECK (insecure IN (0, 1)),
  disabled_attribute TEXT,
  updated_at         BIGINT NOT NULL,
  updated_by         TEXT NOT NULL
);

CREATE TABLE directory_role_maps (
  group_dn   TEXT NOT NULL CHECK (length(group_dn) BETWEEN 3 AND 1024),
  role_id    BIGINT NOT NULL REFERENCES roles (id) ON DELETE CASCADE,
  mapped_at  BIGINT NOT NULL,
  mapped_by  TEXT NOT NULL,
  PRIMARY KEY (group_dn, role_id)
);

CREATE TABLE directory_accounts (
  user_id    BIGINT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  dn         TEXT NOT NULL,
  linked_at  BIGINT NOT NULL
);
