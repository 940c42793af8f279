-- The values each filter can take, for the sidebar and for checking the values of a shared link.
-- Grain: one row per dimension x value; dimension is a Filters field (outlets, experts, tags,
-- languages, countries, media_types, kinds), value is what goes in the URL (a slug or a code),
-- label what a person reads, appearances how many appearances of any kind carry it (no filters).
-- (Counting by id before joining names reads each big table once.)
WITH per_outlet AS (
    SELECT outlet_id, language, kind, count(*) AS appearances
    FROM articles
    GROUP BY ALL
),
per_expert AS (
    SELECT expert_id, count(*) AS appearances FROM article_experts GROUP BY expert_id
),
per_tag AS (
    SELECT tag_id, count(*) AS appearances FROM article_tags GROUP BY tag_id
),
outlet_totals AS (
    SELECT o.slug, o.name, o.country, o.media_type, CAST(coalesce(sum(p.appearances), 0) AS BIGINT)
        AS appearances
    FROM outlets o LEFT JOIN per_outlet p USING (outlet_id)
    GROUP BY ALL
)

SELECT 'outlets' AS dimension, slug AS value, name AS label, appearances
FROM outlet_totals
UNION ALL
SELECT 'experts', e.slug, e.name, coalesce(p.appearances, 0)
FROM experts e LEFT JOIN per_expert p USING (expert_id)
UNION ALL
SELECT 'tags', t.slug, t.name, coalesce(p.appearances, 0)
FROM tags t LEFT JOIN per_tag p USING (tag_id)
UNION ALL
SELECT 'languages', language, language, CAST(sum(appearances) AS BIGINT)
FROM per_outlet WHERE language IS NOT NULL
GROUP BY ALL
UNION ALL
SELECT 'countries', country, country, CAST(sum(appearances) AS BIGINT)
FROM outlet_totals WHERE country IS NOT NULL
GROUP BY ALL
UNION ALL
SELECT 'media_types', media_type, media_type, CAST(sum(appearances) AS BIGINT)
FROM outlet_totals WHERE media_type IS NOT NULL
GROUP BY ALL
UNION ALL
SELECT 'kinds', kind, kind, CAST(sum(appearances) AS BIGINT)
FROM per_outlet
GROUP BY ALL
ORDER BY dimension, appearances DESC, value
