-- What each import added, skipped as a duplicate and rejected, newest first.
-- Grain: one row per import (command line, Import page or demo load).
SELECT
    run_id,
    started_at,
    finished_at,
    origin,
    sources,
    n_new,
    n_duplicate,
    n_rejected
FROM ingest_runs
ORDER BY started_at DESC
LIMIT $limit
