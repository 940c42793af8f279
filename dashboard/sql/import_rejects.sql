-- What one import refused: the file, the spreadsheet row (1 = header; empty for a whole file)
-- and why. Grain: one row per rejected file or row.
SELECT
    source_file,
    row_number,
    reason
FROM ingest_rejects
WHERE run_id = $run_id
ORDER BY source_file, row_number NULLS FIRST
