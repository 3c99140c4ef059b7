-- 0005-reentry.sql: how long after an idle lock each role may come back to
-- its session with badge and key alone (no code), within the same session
-- (NIST SP 800-63B §4: reauthentication within a session may take fewer
-- factors). 0: never, the full sign-in is asked again.

CREATE TABLE reentry_policy (
  role_id INTEGER PRIMARY KEY REFERENCES roles (id) ON DELETE CASCADE,
  minutes INTEGER NOT NULL CHECK (minutes BETWEEN 0 AND 60),
  -- MAC'd like factor_policy (data/ward-row-guard.c): a window written with
  -- plain SQL is refused when read, and counts as 0.
  row_mac BLOB
);

-- Clinical roles come back within half an hour of their last touch; roles
-- that administer accounts, and emergency access (which never idle-locks),
-- do not.
INSERT INTO reentry_policy (role_id, minutes)
  SELECT id, CASE WHEN name IN ('nurse', 'charge-nurse', 'biomed') THEN 30 ELSE 0 END FROM roles;
