-- Grain: one row per saved view, by name (case aside).
SELECT view_id, name, page, query, saved_by
FROM saved_views
ORDER BY lower(name), view_id
