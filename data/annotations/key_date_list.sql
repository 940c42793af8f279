-- Grain: one row per key date, from $date_from to $date_to (NULL: no bound), by day then label.
SELECT key_date_id, day, label, added_by
FROM key_dates
WHERE ($date_from IS NULL OR day >= $date_from) AND ($date_to IS NULL OR day <= $date_to)
ORDER BY day, lower(label), key_date_id
