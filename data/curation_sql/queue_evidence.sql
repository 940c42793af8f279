-- Where the appearances $ids came from, for the queue: outlet, key, source file and row, title.
-- Grain: one row per appearance.
SELECT a.article_id, a.dedupe_key, o.name AS outlet, a.source_file, a.source_row, a.title
FROM articles a
JOIN outlets o USING (outlet_id)
WHERE a.article_id IN (SELECT unnest($ids))
