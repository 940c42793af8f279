-- What the store holds, whatever the filters: shown as "data from ... through ..." and in the
-- method note. Events and videos of the organisation's own are not coverage and not counted,
-- nor are appearances an editor excluded.
-- Grain: one row. `demo_appearances` > 0 means demo data is loaded (every page then says so).
SELECT
    min(published) AS first_date,
    max(published) AS data_through,
    count(*) AS appearances,
    count(*) - count(published) AS undated,
    (SELECT count(*) FROM articles WHERE source_format = 'demo' AND NOT excluded)
        AS demo_appearances,
    (SELECT max(finished_at) FROM ingest_runs) AS last_import
FROM articles
WHERE kind = 'appearance' AND NOT excluded
