-- Remove one key date by its id; returns it (no row: there was none).
DELETE FROM key_dates
WHERE key_date_id = $key_date_id
RETURNING key_date_id, day, label, added_by
