-- Pairs of counted, dated media appearances in the same outlet on the same or the next day:
-- the candidates data/curation.py tests as likely duplicates (shared experts, similar or
-- translated titles). Grain: one row per pair, first the older id.
WITH counted AS (
    SELECT
        a.article_id, a.dedupe_key, a.outlet_id, a.published, a.title, a.language, a.url,
        a.source_file, a.source_row,
        coalesce((
            SELECT list(e.name ORDER BY e.name)
            FROM article_experts ae JOIN experts e USING (expert_id)
            WHERE ae.article_id = a.article_id
        ), []) AS experts
    FROM articles a
    WHERE a.kind = 'appearance' AND NOT a.excluded AND a.published IS NOT NULL
)

SELECT
    o.name AS outlet,
    x.article_id AS first_id, x.dedupe_key AS first_key, x.published AS first_date,
    x.title AS first_title, x.language AS first_language, x.experts AS first_experts,
    x.source_file AS first_source, x.source_row AS first_row,
    y.article_id AS second_id, y.dedupe_key AS second_key, y.published AS second_date,
    y.title AS second_title, y.language AS second_language, y.experts AS second_experts,
    y.source_file AS second_source, y.source_row AS second_row
FROM counted x
JOIN counted y
    ON y.outlet_id = x.outlet_id
    AND y.article_id > x.article_id
    AND y.published BETWEEN x.published - 1 AND x.published + 1
JOIN outlets o ON o.outlet_id = x.outlet_id
ORDER BY x.article_id, y.article_id
