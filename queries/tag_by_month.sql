-- The top $limit topics month by month (a heatmap in long format).
-- Grain: one row per month x tag, with a zero where a tag had none; months span the filter's
-- dates, else the matched data's, clipped to the store's. Undated appearances are not placed.
-- (Counts come from the monthly rollup tag_months: data/rollups/tag_months.sql.)
WITH matched AS (
    SELECT a.article_id, a.outlet_id, a.published, a.language, a.kind
    FROM {{ articles }} a
    WHERE a.published IS NOT NULL
),
per_tag_month AS (
    SELECT r.tag_id, r.month AS period, CAST(sum(r.appearances) AS BIGINT) AS appearances
    FROM {{ tag_months(matched) }} r
    WHERE r.tag_id IS NOT NULL AND r.month IS NOT NULL
    GROUP BY ALL
),
top_tags AS (
    SELECT t.tag_id, t.slug, t.name
    FROM per_tag_month p JOIN tags t USING (tag_id)
    GROUP BY ALL
    ORDER BY sum(p.appearances) DESC, t.slug
    LIMIT $limit
)

---------- the months to show (queries/macros.sql), each with every top tag
SELECT s.period, t.slug, t.name AS tag, coalesce(p.appearances, 0) AS appearances
FROM period_spine('month', $date_from, $date_to,
                  (SELECT min(published) FROM matched), (SELECT max(published) FROM matched)) AS s
CROSS JOIN top_tags t
LEFT JOIN per_tag_month p ON p.period = s.period AND p.tag_id = t.tag_id
ORDER BY s.period, t.slug
