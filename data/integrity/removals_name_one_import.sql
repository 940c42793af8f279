-- A removal (origin 'removal') names, in removes_run_id, one import that exists and is not
-- itself a removal, and no import is removed twice; only removals name one.
-- Offending rows: one per ingest_runs row that breaks this.
SELECT r.run_id, r.origin, r.removes_run_id
FROM ingest_runs AS r
LEFT JOIN ingest_runs AS removed ON removed.run_id = r.removes_run_id
WHERE (r.origin = 'removal') <> (r.removes_run_id IS NOT NULL)
   OR (r.removes_run_id IS NOT NULL AND (removed.run_id IS NULL OR removed.origin = 'removal'))
   OR r.removes_run_id IN (
       SELECT removes_run_id FROM ingest_runs GROUP BY removes_run_id HAVING count(*) > 1
   )
ORDER BY r.run_id
