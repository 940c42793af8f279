-- Add one key date; its id is the next free one (writers hold the store's lock).
INSERT INTO key_dates (key_date_id, day, label, added_by, added_at)
SELECT coalesce(max(key_date_id), 0) + 1, $day, $label, $who, $at
FROM key_dates
RETURNING key_date_id
