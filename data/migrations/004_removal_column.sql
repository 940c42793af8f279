-- Version 4: a removal names the import it removed, and how many rows it took out, in columns
-- of its ingest_runs row (data/removal.py). Before, only its note in `sources` said so
-- ("removed import N: M rows"); this is the one place that reads that note: it stays, as
-- display text only.
ALTER TABLE ingest_runs ADD COLUMN removes_run_id INTEGER;
ALTER TABLE ingest_runs ADD COLUMN n_removed INTEGER NOT NULL DEFAULT 0;

UPDATE ingest_runs
SET removes_run_id = TRY_CAST(regexp_extract(sources, '^removed import (\d+):', 1) AS INTEGER),
    n_removed = coalesce(TRY_CAST(regexp_extract(sources, ': (\d+) rows?$', 1) AS INTEGER), 0)
WHERE origin = 'removal';
