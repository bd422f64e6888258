-- Sync run records and the outbox of provider changes made while a provider was unreachable.

CREATE TABLE sync_runs (
  id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  trigger TEXT NOT NULL CHECK (trigger IN ('start', 'schedule', 'manual', 'reconnect')),
  started_at TEXT NOT NULL,
  -- NULL (with outcome NULL) while the run is going; a run the app never finished (killed,
  -- crashed) is closed as failed when the cache is next opened for sync
  finished_at TEXT,
  pages INTEGER NOT NULL DEFAULT 0,
  inserted INTEGER NOT NULL DEFAULT 0,
  changed INTEGER NOT NULL DEFAULT 0,
  unchanged INTEGER NOT NULL DEFAULT 0,
  gone INTEGER NOT NULL DEFAULT 0,
  rejected INTEGER NOT NULL DEFAULT 0,
  outcome TEXT CHECK (outcome IN ('completed', 'partial', 'failed', 'cancelled')),
  error_code TEXT,
  error TEXT
) STRICT;

CREATE INDEX sync_runs_account ON sync_runs (account_id, started_at);

CREATE TABLE outbox (
  id INTEGER PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('spotgo.delete', 'transeu.deleteDraft')),
  -- the cached freight it concerns; kept as a plain number (the freight may leave the cache)
  freight_id INTEGER,
  provider_id TEXT NOT NULL,
  summary TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('pending', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  error_code TEXT,
  error TEXT,
  created_at TEXT NOT NULL,
  last_attempt_at TEXT
) STRICT;

CREATE INDEX outbox_account ON outbox (account_id, id);
