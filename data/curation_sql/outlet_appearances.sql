-- The appearances of the outlet $gone (a merge reads them before moving them).
SELECT dedupe_key FROM articles WHERE outlet_id = $gone
