-- Small app-wide settings as JSON text under a key (the sandbox's seed, ports and anchor, ...).
-- Each service validates its own value when reading it back.
CREATE TABLE app_settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
