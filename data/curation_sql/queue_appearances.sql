-- Counted media appearances an editor should look at: without a date, without an expert, or
-- read with doubt (articles.uncertain). Grain: one row per appearance; the flags say which.
SELECT
    a.article_id,
    a.dedupe_key,
    a.title,
    o.name AS outlet,
    a.published,
    a.source_file,
    a.source_row,
    a.uncertain,
    a.published IS NULL AS undated,
    NOT EXISTS (SELECT 1 FROM article_experts ae WHERE ae.article_id = a.article_id)
        AS no_expert
FROM articles a
JOIN outlets o USING (outlet_id)
WHERE a.kind = 'appearance' AND NOT a.excluded
    AND (
        a.published IS NULL OR a.uncertain IS NOT NULL
        OR NOT EXISTS (SELECT 1 FROM article_experts ae WHERE ae.article_id = a.article_id)
    )
ORDER BY a.article_id
