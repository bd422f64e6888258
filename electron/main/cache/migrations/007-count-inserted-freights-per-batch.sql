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
