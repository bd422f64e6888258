-- The share history (every link made from this app, kept after it expires or is revoked) and a
-- cache of Crego document metadata, so the Documents panel lists offline and freights find their
-- documents by reference. Instants are UTC ISO 8601 text with milliseconds (they sort as text).

CREATE TABLE shares (
  id TEXT PRIMARY KEY,
  -- no foreign key: the history outlives a removed account
  account_id TEXT NOT NULL,
  account_name TEXT NOT NULL,
  provider TEXT NOT NULL CHECK (provider IN ('spotgo', 'crego')),
  kind TEXT NOT NULL CHECK (kind IN ('freights', 'document')),
  -- freight links: JSON array of {freightId, providerId, reference} as they were when shared
  freights TEXT,
  -- document links: the provider's document id and its name when shared
  document_id TEXT,
  document_title TEXT,
  url TEXT NOT NULL,
  -- the provider's id of the share (Crego); SpotGo links have none
  provider_share_id TEXT,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  revoked_at TEXT,
  CHECK ((kind = 'freights') = (freights IS NOT NULL)),
  CHECK ((kind = 'document') = (document_id IS NOT NULL AND document_title IS NOT NULL))
) STRICT;

CREATE INDEX shares_by_created ON shares (created_at DESC, id);
CREATE INDEX shares_by_expiry ON shares (expires_at);
CREATE INDEX shares_by_document ON shares (account_id, document_id) WHERE document_id IS NOT NULL;
CREATE UNIQUE INDEX shares_by_provider_share
  ON shares (account_id, provider_share_id) WHERE provider_share_id IS NOT NULL;

CREATE TABLE documents (
  account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  provider_id TEXT NOT NULL,
  name TEXT NOT NULL,
  -- folded: lower case, no diacritics, for text search
  name_key TEXT NOT NULL,
  category TEXT NOT NULL,
  status TEXT NOT NULL,
  -- JSON arrays as the provider sent them
  tags TEXT NOT NULL,
  files TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  fetched_at TEXT NOT NULL,
  PRIMARY KEY (account_id, provider_id)
) STRICT;

CREATE INDEX documents_by_update ON documents (account_id, updated_at DESC);

-- Each tag of a document, folded: freight references are tags, so this links a freight to its
-- documents by reference.
CREATE TABLE document_tags (
  account_id TEXT NOT NULL,
  document_id TEXT NOT NULL,
  tag_key TEXT NOT NULL,
  PRIMARY KEY (account_id, document_id, tag_key),
  FOREIGN KEY (account_id, document_id)
    REFERENCES documents (account_id, provider_id) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;

CREATE INDEX document_tags_by_tag ON document_tags (tag_key);
