-- A removed import has no rows left in the store.
-- Offending rows: one per article whose import was removed.
SELECT article_id, ingest_run_id
FROM articles
WHERE ingest_run_id IN (SELECT removes_run_id FROM ingest_runs)
ORDER BY article_id
