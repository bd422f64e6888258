-- Freights inserted by a sync are added to freight_counts by the freight store, once per facet
-- key and truck-body mask at the end of each batch, instead of by this trigger once per row (it
-- cost a fifth of storing a new freight). Only the freight store inserts freights; the update
-- and delete triggers still keep the counts for every other change.
DROP TRIGGER freights_counts_insert;

-- Counted afresh, so the counts are exact whatever wrote the rows before.
DELETE FROM freight_counts;
INSERT INTO freight_counts (facet_key, truck_body_mask, gone, hidden, seen, account_id, freights)
SELECT facet_key, truck_body_mask, gone_at IS NOT NULL, local_hidden, local_seen, account_id,
  count(*)
FROM freights
GROUP BY facet_key, truck_body_mask, gone_at IS NOT NULL, local_hidden, local_seen, account_id;

-- The search index gets a prefix index of four characters next to those of two and three: every
-- word typed passes through four characters, and a prefix without an index of its own length
-- merges the lists of every indexed word that starts with it (three times slower for "lodz" over
-- 100,000 freights). A contentless index cannot be copied: the cache fills the new one from the
-- stored freights right after this migration (rebuildSearchIfEmpty in freight-store.ts).
DROP TABLE freight_search;
CREATE VIRTUAL TABLE freight_search USING fts5 (
  body,
  content = '',
  contentless_delete = 1,
  prefix = '2 3 4',
  tokenize = 'unicode61 remove_diacritics 2'
);
