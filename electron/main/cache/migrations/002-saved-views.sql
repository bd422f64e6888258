-- Saved views: a named query (filters and sort, JSON) plus the grid's column layout (JSON).

CREATE TABLE saved_views (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  -- lower-cased name: names are unique ignoring case
  name_key TEXT NOT NULL UNIQUE,
  query TEXT NOT NULL,
  layout TEXT NOT NULL,
  position INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

CREATE INDEX saved_views_position ON saved_views (position, id);
