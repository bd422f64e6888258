-- The outbox also holds new prices for SpotGo freights: the kind 'spotgo.changePrice' and the
-- change itself (JSON: price, ceiling, currency, paymentTermDays). SQLite cannot alter a CHECK,
-- so the table is rebuilt with its rows.

CREATE TABLE outbox_next (
  id INTEGER PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('spotgo.delete', 'transeu.deleteDraft', 'spotgo.changePrice')),
  -- the cached freight it concerns; kept as a plain number (the freight may leave the cache)
  freight_id INTEGER,
  provider_id TEXT NOT NULL,
  summary TEXT NOT NULL,
  -- what to send, for kinds that carry a change (JSON); NULL for withdrawals and deletions
  payload TEXT,
  state TEXT NOT NULL CHECK (state IN ('pending', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  error_code TEXT,
  error TEXT,
  created_at TEXT NOT NULL,
  last_attempt_at TEXT
) STRICT;

INSERT INTO outbox_next (id, account_id, kind, freight_id, provider_id, summary, state, attempts,
  error_code, error, created_at, last_attempt_at)
SELECT id, account_id, kind, freight_id, provider_id, summary, state, attempts, error_code, error,
  created_at, last_attempt_at
FROM outbox;

DROP TABLE outbox;
ALTER TABLE outbox_next RENAME TO outbox;
CREATE INDEX outbox_account ON outbox (account_id, id);
