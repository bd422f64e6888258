-- What a sync could not read as the provider documents it: items it refused (no usable id, or
-- nothing to place them by) and items it kept though it read them only in part. The rows of an
-- account's last run that read its lists are kept, with each item's reasons and the item exactly
-- as the provider sent it, for the details view and the diagnostic the dispatcher can copy; a
-- run's rows replace the previous run's when it ends completed or partial.

ALTER TABLE sync_runs ADD COLUMN read_in_part INTEGER NOT NULL DEFAULT 0;

CREATE TABLE sync_read_problems (
  id INTEGER PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  run_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('not_read', 'read_in_part')),
  -- the list the item came from: spotgo, active, accepted, archive
  list TEXT NOT NULL,
  page INTEGER NOT NULL,
  -- 0-based position on its page
  position INTEGER NOT NULL,
  provider_id TEXT,
  -- JSON array of "field: reason" lines
  reasons TEXT NOT NULL,
  -- the item as the provider sent it (JSON)
  raw TEXT NOT NULL
) STRICT;

CREATE INDEX sync_read_problems_account ON sync_read_problems (account_id, run_id, id);
