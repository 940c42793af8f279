-- Save one view; its id is the next free one (writers hold the store's lock).
INSERT INTO saved_views (view_id, name, page, query, saved_by, saved_at)
SELECT coalesce(max(view_id), 0) + 1, $name, $page, $query, $who, $at
FROM saved_views
RETURNING view_id
