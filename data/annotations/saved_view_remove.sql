-- Remove one saved view by its id; returns it (no row: there was none).
DELETE FROM saved_views
WHERE view_id = $view_id
RETURNING view_id, name, page, query, saved_by
