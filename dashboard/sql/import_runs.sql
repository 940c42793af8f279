-- Every import with what is still in the store from it, and when an editor removed it.
-- Grain: one row per ingest_runs row (imports, the demo load, and removals), newest first.
-- A removal is recorded as its own row, origin 'removal', naming the import it removed in
-- removes_run_id (data/removal.py).
WITH removals AS (
    SELECT
        removes_run_id AS run_id,
        started_at AS removed_at
    FROM ingest_runs
    WHERE removes_run_id IS NOT NULL
),

in_store AS (
    SELECT
        ingest_run_id AS run_id,
        count(*) FILTER (WHERE kind = 'appearance') AS appearances,
        count(*) FILTER (WHERE kind <> 'appearance') AS own_content
    FROM articles
    GROUP BY ALL
)

SELECT
    r.run_id,
    r.started_at,
    r.origin,
    r.sources,
    r.n_new,
    r.n_duplicate,
    r.n_rejected,
    coalesce(s.appearances, 0) AS appearances,
    coalesce(s.own_content, 0) AS own_content,
    removals.removed_at
FROM ingest_runs AS r
LEFT JOIN in_store AS s USING (run_id)
LEFT JOIN removals USING (run_id)
ORDER BY r.started_at DESC, r.run_id DESC
LIMIT $limit
