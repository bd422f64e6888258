-- Accounts, the normalized freights, their details, local annotations, facet counts and full-text
-- search. Instants in the freight tables are milliseconds since the epoch (UTC); local days are
-- 'YYYY-MM-DD' text in the place's own time zone.

CREATE TABLE accounts (
  id TEXT PRIMARY KEY,
  provider TEXT NOT NULL CHECK (provider IN ('spotgo', 'transeu', 'crego')),
  name TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;

-- Everything the grid shows, filters and sorts on; what only the detail view reads is in
-- freight_details, so scans, counts and page reads do not step over kilobytes of payload.
CREATE TABLE freights (
  id INTEGER PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  provider TEXT NOT NULL CHECK (provider IN ('spotgo', 'transeu')),
  provider_id TEXT NOT NULL,
  reference TEXT,
  external_number TEXT,
  status TEXT NOT NULL,
  status_raw TEXT NOT NULL,
  -- status, provider and loading country packed into one integer (see facetKey in
  -- freight-rows.ts), so facet counts group on one integer column
  facet_key INTEGER NOT NULL,

  loading_country TEXT NOT NULL,
  loading_postal_code TEXT NOT NULL,
  -- upper case letters and digits only, without a leading "LT-" style country prefix
  loading_postal_key TEXT NOT NULL,
  loading_locality TEXT NOT NULL,
  -- folded: lower case, no diacritics (Łódź -> lodz)
  loading_locality_key TEXT NOT NULL,
  loading_start INTEGER NOT NULL,
  loading_end INTEGER NOT NULL,
  loading_time_zone TEXT NOT NULL,
  -- the local calendar day loading_start falls on in loading_time_zone
  loading_date TEXT NOT NULL,

  unloading_country TEXT NOT NULL,
  unloading_postal_code TEXT NOT NULL,
  unloading_postal_key TEXT NOT NULL,
  unloading_locality TEXT NOT NULL,
  unloading_locality_key TEXT NOT NULL,
  unloading_start INTEGER NOT NULL,
  unloading_end INTEGER NOT NULL,
  unloading_time_zone TEXT NOT NULL,
  unloading_date TEXT NOT NULL,

  transport_type TEXT,
  -- sets as bit masks, bit i = the i-th value of the shared vocabulary; an empty vehicle-size set
  -- (mask 0) means any size
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
  publication_mask INTEGER NOT NULL,
  -- the first contact's name, as written and folded (for sorting)
  contact_name TEXT,
  contact_key TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER,

  -- hash of the normalized freight; a sync rewrites the row only when it differs
  content_hash INTEGER NOT NULL,
  first_seen_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  last_seen_run TEXT NOT NULL,
  changed_at INTEGER NOT NULL,
  gone_at INTEGER,

  -- Copies of freight_annotations.seen and .hidden, kept by the triggers below so that filters,
  -- sorts and counts read them from the row. No sync writes them.
  local_seen INTEGER NOT NULL DEFAULT 0,
  local_hidden INTEGER NOT NULL DEFAULT 0,
  UNIQUE (account_id, provider_id)
) STRICT;

-- What only the detail view reads: the provider's payload as received, every contact, the
-- coordinates.
CREATE TABLE freight_details (
  freight_id INTEGER PRIMARY KEY REFERENCES freights (id) ON DELETE CASCADE,
  raw TEXT NOT NULL,
  contacts TEXT NOT NULL,
  loading_latitude REAL,
  loading_longitude REAL,
  unloading_latitude REAL,
  unloading_longitude REAL
) STRICT;

-- Filters and sorts. Most indexes end with the same "facts" columns (facet key, truck bodies,
-- account, flags, vehicle sizes, publication types): facet filters are tested on the facet key,
-- so with these columns an index alone answers the filters every query applies and the facet
-- filters, and feeds the facet counts, without reading rows. Sort indexes hold the id right
-- after the sort column: ids break ties in every sort.
CREATE INDEX freights_loading_start ON freights (loading_start, id, facet_key, truck_body_mask, account_id, local_hidden,
  gone_at, local_seen, vehicle_size_mask, publication_mask);
CREATE INDEX freights_loading_date ON freights (loading_date, id, facet_key, truck_body_mask, account_id, local_hidden,
  gone_at, local_seen, vehicle_size_mask, publication_mask);
CREATE INDEX freights_unloading_start ON freights (unloading_start, id, facet_key, truck_body_mask, account_id, local_hidden,
  gone_at, local_seen, vehicle_size_mask, publication_mask);
CREATE INDEX freights_unloading_date ON freights (unloading_date, id, facet_key, truck_body_mask, account_id, local_hidden,
  gone_at, local_seen, vehicle_size_mask, publication_mask);
CREATE INDEX freights_created_at ON freights (created_at, id, facet_key, truck_body_mask, account_id, local_hidden,
  gone_at, local_seen, vehicle_size_mask, publication_mask);
CREATE INDEX freights_price ON freights (price_value, id, price_currency, facet_key, truck_body_mask, account_id, local_hidden,
  gone_at, local_seen, vehicle_size_mask, publication_mask);
-- Places. The loading country is a facet filter, tested on the facet key wherever the facts are;
-- its own index serves sorting by it. The unloading country is an ordinary filter.
CREATE INDEX freights_loading_country ON freights (loading_country, id, facet_key, truck_body_mask, account_id, local_hidden,
  gone_at, local_seen, vehicle_size_mask, publication_mask);
CREATE INDEX freights_loading_postal_key ON freights (loading_postal_key, facet_key, truck_body_mask, account_id, local_hidden,
  gone_at, local_seen, vehicle_size_mask, publication_mask);
CREATE INDEX freights_loading_locality_key ON freights (loading_locality_key, facet_key, truck_body_mask, account_id, local_hidden,
  gone_at, local_seen, vehicle_size_mask, publication_mask);
CREATE INDEX freights_unloading_place ON freights (unloading_country, unloading_postal_key,
  unloading_date, facet_key, truck_body_mask, account_id, local_hidden,
  gone_at, local_seen, vehicle_size_mask, publication_mask);
CREATE INDEX freights_unloading_locality_key ON freights (unloading_locality_key, facet_key, truck_body_mask, account_id, local_hidden,
  gone_at, local_seen, vehicle_size_mask, publication_mask);
-- The facts by id, for freights found by full-text search.
CREATE INDEX freights_facts ON freights (id, facet_key, truck_body_mask, account_id, local_hidden,
  gone_at, local_seen, vehicle_size_mask, publication_mask);
-- The facts in facet order, with the price: counting facets under filters on vehicle sizes,
-- publication types and prices alone (which match many freights, and the first two have no
-- index of their own) reads this once, in order, with no sorting.
CREATE INDEX freights_facet_order ON freights (facet_key, truck_body_mask, account_id,
  local_hidden, gone_at, local_seen, vehicle_size_mask, publication_mask, price_currency,
  price_value);

-- The dispatcher's local facts. No sync writes here.
CREATE TABLE freight_annotations (
  freight_id INTEGER PRIMARY KEY REFERENCES freights (id) ON DELETE CASCADE,
  seen INTEGER NOT NULL DEFAULT 0 CHECK (seen IN (0, 1)),
  hidden INTEGER NOT NULL DEFAULT 0 CHECK (hidden IN (0, 1)),
  note TEXT NOT NULL DEFAULT '',
  tags TEXT NOT NULL DEFAULT '[]',
  updated_at INTEGER NOT NULL
) STRICT;

CREATE TRIGGER freight_annotations_flags_insert AFTER INSERT ON freight_annotations BEGIN
  UPDATE freights SET local_seen = new.seen, local_hidden = new.hidden WHERE id = new.freight_id;
END;
CREATE TRIGGER freight_annotations_flags_update AFTER UPDATE OF seen, hidden ON freight_annotations
WHEN old.seen <> new.seen OR old.hidden <> new.hidden
BEGIN
  UPDATE freights SET local_seen = new.seen, local_hidden = new.hidden WHERE id = new.freight_id;
END;
CREATE TRIGGER freight_annotations_flags_delete AFTER DELETE ON freight_annotations BEGIN
  UPDATE freights SET local_seen = 0, local_hidden = 0 WHERE id = old.freight_id;
END;

-- How many freights share each combination of facet key, truck bodies and the filters the grid
-- always applies (gone, hidden, seen, account), kept by the triggers below. Totals and facet
-- counts of filters on nothing else add up these rows instead of counting every freight.
CREATE TABLE freight_counts (
  facet_key INTEGER NOT NULL,
  truck_body_mask INTEGER NOT NULL,
  gone INTEGER NOT NULL,
  hidden INTEGER NOT NULL,
  seen INTEGER NOT NULL,
  account_id TEXT NOT NULL,
  freights INTEGER NOT NULL,
  PRIMARY KEY (facet_key, truck_body_mask, gone, hidden, seen, account_id)
) STRICT, WITHOUT ROWID;

-- The same rows in truck-body order, so counts per truck-body mask need no sorting.
CREATE INDEX freight_counts_truck_bodies ON freight_counts (truck_body_mask, facet_key, gone,
  hidden, seen, account_id, freights);

CREATE TRIGGER freights_counts_insert AFTER INSERT ON freights BEGIN
  INSERT INTO freight_counts (facet_key, truck_body_mask, gone, hidden, seen, account_id, freights)
  VALUES (new.facet_key, new.truck_body_mask, new.gone_at IS NOT NULL, new.local_hidden,
    new.local_seen, new.account_id, 1)
  ON CONFLICT DO UPDATE SET freights = freights + 1;
END;

CREATE TRIGGER freights_counts_delete AFTER DELETE ON freights BEGIN
  UPDATE freight_counts SET freights = freights - 1
  WHERE facet_key = old.facet_key AND truck_body_mask = old.truck_body_mask
    AND gone = (old.gone_at IS NOT NULL) AND hidden = old.local_hidden AND seen = old.local_seen
    AND account_id = old.account_id;
  DELETE FROM freight_counts
  WHERE facet_key = old.facet_key AND truck_body_mask = old.truck_body_mask
    AND gone = (old.gone_at IS NOT NULL) AND hidden = old.local_hidden AND seen = old.local_seen
    AND account_id = old.account_id AND freights = 0;
END;

CREATE TRIGGER freights_counts_update
AFTER UPDATE OF facet_key, truck_body_mask, gone_at, local_hidden, local_seen, account_id
ON freights
WHEN old.facet_key <> new.facet_key OR old.truck_body_mask <> new.truck_body_mask
  OR (old.gone_at IS NULL) <> (new.gone_at IS NULL) OR old.local_hidden <> new.local_hidden
  OR old.local_seen <> new.local_seen OR old.account_id <> new.account_id
BEGIN
  UPDATE freight_counts SET freights = freights - 1
  WHERE facet_key = old.facet_key AND truck_body_mask = old.truck_body_mask
    AND gone = (old.gone_at IS NOT NULL) AND hidden = old.local_hidden AND seen = old.local_seen
    AND account_id = old.account_id;
  DELETE FROM freight_counts
  WHERE facet_key = old.facet_key AND truck_body_mask = old.truck_body_mask
    AND gone = (old.gone_at IS NOT NULL) AND hidden = old.local_hidden AND seen = old.local_seen
    AND account_id = old.account_id AND freights = 0;
  INSERT INTO freight_counts (facet_key, truck_body_mask, gone, hidden, seen, account_id, freights)
  VALUES (new.facet_key, new.truck_body_mask, new.gone_at IS NOT NULL, new.local_hidden,
    new.local_seen, new.account_id, 1)
  ON CONFLICT DO UPDATE SET freights = freights + 1;
END;

-- Full-text search over references, numbers, places, contacts, notes and tags. The text is folded
-- and split into tokens in code before it gets here (unicode61 does not fold ł, ß, đ, ø, ..., and
-- words are also indexed with their punctuation removed); the table keeps no copy of it. Its
-- rowid is freights.id.
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
