-- Every article's import is recorded in ingest_runs.
-- Offending rows: one per article whose ingest_run_id names no ingest run (NULL is allowed: rows
-- written before imports were recorded).
SELECT article_id, ingest_run_id
FROM articles
WHERE ingest_run_id IS NOT NULL AND ingest_run_id NOT IN (SELECT run_id FROM ingest_runs)
ORDER BY article_id
