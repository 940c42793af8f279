-- The edits in force (not undone, and not undos themselves), oldest first: what every write
-- applies again (data/curation_replay.py).
SELECT edit_id, record_kind, record_key, field, after
FROM edits
WHERE undone_by IS NULL AND field <> 'undo'
ORDER BY edit_id
