-- Accounts, the normalized freights, their multi-valued filters, local annotations and full-text
-- search. Instants are UTC ISO 8601 text with milliseconds, so they compare and sort as text.

CREATE TABLE accounts (
  id TEXT PRIMARY KEY,
  provider TEXT NOT NULL CHECK (provider IN ('spotgo', 'transeu', 'crego')),
  name TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE freights (
  id INTEGER PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  provider TEXT NOT NULL,
  provider_id TEXT NOT NULL,
  reference TEXT,
  external_number TEXT,
  status TEXT NOT NULL,
  status_raw TEXT NOT NULL,

  loading_country TEXT NOT NULL,
  loading_postal_code TEXT NOT NULL,
  -- upper case letters and digits only, without a leading "LT-" style country prefix
  loading_postal_key TEXT NOT NULL,
  loading_locality TEXT NOT NULL,
  -- folded: lower case, no diacritics (Łódź -> lodz)
  loading_locality_key TEXT NOT NULL,
  loading_latitude REAL,
  loading_longitude REAL,
  loading_start TEXT NOT NULL,
  loading_end TEXT NOT NULL,
  loading_time_zone TEXT NOT NULL,
  -- the local calendar day loading_start falls on in loading_time_zone
  loading_date TEXT NOT NULL,

  unloading_country TEXT NOT NULL,
  unloading_postal_code TEXT NOT NULL,
  unloading_postal_key TEXT NOT NULL,
  unloading_locality TEXT NOT NULL,
  unloading_locality_key TEXT NOT NULL,
  unloading_latitude REAL,
  unloading_longitude REAL,
  unloading_start TEXT NOT NULL,
  unloading_end TEXT NOT NULL,
  unloading_time_zone TEXT NOT NULL,
  unloading_date TEXT NOT NULL,

  transport_type TEXT,
  -- JSON arrays as the provider listed them, for display
  truck_bodies TEXT NOT NULL,
  vehicle_sizes TEXT NOT NULL,
  -- the same sets as bit masks (bit i = i-th value of the shared vocabulary), for filters and
  -- facets; an empty vehicle-size set (mask 0) means any size
  truck_body_mask INTEGER NOT NULL,
  vehicle_size_mask INTEGER NOT NULL,
  length REAL,
  width REAL,
  height REAL,
  volume REAL,
  capacity REAL,
  loading_meters REAL,
  temperature_min REAL,
  temperature_max REAL,
  has_temperature INTEGER NOT NULL,
  price_value REAL,
  price_currency TEXT,
  payment_term_days INTEGER,
  payment_method TEXT,
  publication_state TEXT NOT NULL,
  publication_types TEXT NOT NULL,
  publication_mask INTEGER NOT NULL,
  -- JSON array of {name, phone?, email?}; contact_name is the first one's name
  contacts TEXT NOT NULL,
  contact_name TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT,

  -- hash of the normalized freight; a sync rewrites the row only when it differs
  content_hash TEXT NOT NULL,
  first_seen_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  last_seen_run TEXT NOT NULL,
  changed_at TEXT NOT NULL,
  gone_at TEXT,

  -- Copies of freight_annotations.seen and .hidden, kept by the triggers below so that filters
  -- and counts read them from the row. No sync writes them.
  local_seen INTEGER NOT NULL DEFAULT 0,
  local_hidden INTEGER NOT NULL DEFAULT 0,
  UNIQUE (account_id, provider_id)
) STRICT;

-- The provider's payload as received, for the detail view. Kept beside the row rather than in
-- it: payloads are several times larger than the normalized columns, and scans and counts over
-- freights should not have to step over them.
CREATE TABLE freight_payloads (
  freight_id INTEGER PRIMARY KEY REFERENCES freights (id) ON DELETE CASCADE,
  raw TEXT NOT NULL
) STRICT;

-- Filters and sorts the grid offers. Facet and total counts come from freight_counts.
CREATE INDEX freights_status ON freights (status);
CREATE INDEX freights_loading_country ON freights (loading_country, loading_date);
CREATE INDEX freights_loading_date ON freights (loading_date);
CREATE INDEX freights_loading_postal_key ON freights (loading_postal_key);
CREATE INDEX freights_loading_locality_key ON freights (loading_locality_key);
CREATE INDEX freights_loading_start ON freights (loading_start);
CREATE INDEX freights_unloading_country ON freights (unloading_country, unloading_date);
CREATE INDEX freights_unloading_date ON freights (unloading_date);
CREATE INDEX freights_unloading_postal_key ON freights (unloading_postal_key);
CREATE INDEX freights_unloading_locality_key ON freights (unloading_locality_key);
CREATE INDEX freights_unloading_start ON freights (unloading_start);
CREATE INDEX freights_price ON freights (price_value);
CREATE INDEX freights_created_at ON freights (created_at);

-- The dispatcher's local facts. No sync writes here.
CREATE TABLE freight_annotations (
  freight_id INTEGER PRIMARY KEY REFERENCES freights (id) ON DELETE CASCADE,
  seen INTEGER NOT NULL DEFAULT 0 CHECK (seen IN (0, 1)),
  hidden INTEGER NOT NULL DEFAULT 0 CHECK (hidden IN (0, 1)),
  note TEXT NOT NULL DEFAULT '',
  tags TEXT NOT NULL DEFAULT '[]',
  updated_at TEXT NOT NULL
) STRICT;

CREATE TRIGGER freight_annotations_flags_insert AFTER INSERT ON freight_annotations BEGIN
  UPDATE freights SET local_seen = new.seen, local_hidden = new.hidden WHERE id = new.freight_id;
END;
CREATE TRIGGER freight_annotations_flags_update AFTER UPDATE OF seen, hidden ON freight_annotations
BEGIN
  UPDATE freights SET local_seen = new.seen, local_hidden = new.hidden WHERE id = new.freight_id;
END;
CREATE TRIGGER freight_annotations_flags_delete AFTER DELETE ON freight_annotations BEGIN
  UPDATE freights SET local_seen = 0, local_hidden = 0 WHERE id = old.freight_id;
END;

-- How many freights share each combination of the facet columns and the flags filters use, kept
-- by the triggers below. Totals and facet counts of the common filters (account, provider,
-- status, loading country, truck bodies, gone, hidden, seen) add up these few thousand rows
-- instead of counting a hundred thousand freights.
CREATE TABLE freight_counts (
  gone INTEGER NOT NULL,
  hidden INTEGER NOT NULL,
  seen INTEGER NOT NULL,
  account_id TEXT NOT NULL,
  provider TEXT NOT NULL,
  status TEXT NOT NULL,
  loading_country TEXT NOT NULL,
  truck_body_mask INTEGER NOT NULL,
  freights INTEGER NOT NULL,
  PRIMARY KEY (gone, hidden, seen, account_id, provider, status, loading_country, truck_body_mask)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER freights_counts_insert AFTER INSERT ON freights BEGIN
  INSERT INTO freight_counts (gone, hidden, seen, account_id, provider, status, loading_country,
    truck_body_mask, freights)
  VALUES (new.gone_at IS NOT NULL, new.local_hidden, new.local_seen, new.account_id, new.provider,
    new.status, new.loading_country, new.truck_body_mask, 1)
  ON CONFLICT DO UPDATE SET freights = freights + 1;
END;

CREATE TRIGGER freights_counts_delete AFTER DELETE ON freights BEGIN
  UPDATE freight_counts SET freights = freights - 1
  WHERE gone = (old.gone_at IS NOT NULL) AND hidden = old.local_hidden AND seen = old.local_seen
    AND account_id = old.account_id AND provider = old.provider AND status = old.status
    AND loading_country = old.loading_country AND truck_body_mask = old.truck_body_mask;
  DELETE FROM freight_counts
  WHERE freights = 0 AND gone = (old.gone_at IS NOT NULL) AND hidden = old.local_hidden
    AND seen = old.local_seen AND account_id = old.account_id AND provider = old.provider
    AND status = old.status AND loading_country = old.loading_country AND truck_body_mask = old.truck_body_mask;
END;

CREATE TRIGGER freights_counts_update
AFTER UPDATE OF gone_at, local_hidden, local_seen, account_id, provider, status, loading_country,
  truck_body_mask ON freights
WHEN (old.gone_at IS NULL) <> (new.gone_at IS NULL) OR old.local_hidden <> new.local_hidden
  OR old.local_seen <> new.local_seen OR old.account_id <> new.account_id
  OR old.provider <> new.provider OR old.status <> new.status
  OR old.loading_country <> new.loading_country OR old.truck_body_mask <> new.truck_body_mask
BEGIN
  UPDATE freight_counts SET freights = freights - 1
  WHERE gone = (old.gone_at IS NOT NULL) AND hidden = old.local_hidden AND seen = old.local_seen
    AND account_id = old.account_id AND provider = old.provider AND status = old.status
    AND loading_country = old.loading_country AND truck_body_mask = old.truck_body_mask;
  DELETE FROM freight_counts
  WHERE freights = 0 AND gone = (old.gone_at IS NOT NULL) AND hidden = old.local_hidden
    AND seen = old.local_seen AND account_id = old.account_id AND provider = old.provider
    AND status = old.status AND loading_country = old.loading_country AND truck_body_mask = old.truck_body_mask;
  INSERT INTO freight_counts (gone, hidden, seen, account_id, provider, status, loading_country,
    truck_body_mask, freights)
  VALUES (new.gone_at IS NOT NULL, new.local_hidden, new.local_seen, new.account_id, new.provider,
    new.status, new.loading_country, new.truck_body_mask, 1)
  ON CONFLICT DO UPDATE SET freights = freights + 1;
END;

-- Full-text search over references, numbers, places, contacts, notes and tags. The text is folded
-- in code before it gets here (unicode61 does not fold ł, ß, đ, ø, ...), and the table keeps no
-- copy of it: rowid is freights.id, rows are replaced whole.
CREATE VIRTUAL TABLE freight_search USING fts5 (
  body,
  content = '',
  contentless_delete = 1,
  prefix = '2 3',
  tokenize = 'unicode61 remove_diacritics 2'
);

-- Removing a freight (only ever by removing its account) removes its search row.
CREATE TRIGGER freights_search_delete AFTER DELETE ON freights BEGIN
  DELETE FROM freight_search WHERE rowid = old.id;
END;
