-- The import's counts and the time its rows were written (data/ingest/writing.py).
UPDATE ingest_runs
SET finished_at = $finished, n_new = $n_new, n_duplicate = $n_duplicate, n_rejected = $n_rejected
WHERE run_id = $run_id
