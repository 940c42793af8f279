-- Topics ranked by appearances in the filtered view.
-- Grain: one row per tag with at least one matching appearance, the top $limit (NULL: all).
-- An appearance with two tags counts for both, so share = the tag's appearances / the sum of
-- every tag's appearances (a ratio of sums); experts = distinct experts on that tag.
-- (Counts come from the monthly rollups tag_months and tag_expert_months, data/rollups/; where
-- the filters need the appearances themselves, they are read once: a text search scans once.)
WITH matched AS MATERIALIZED (
    SELECT a.article_id, a.outlet_id, a.published, a.language, a.kind
    FROM {{ articles }} a
),
per_tag AS (
    SELECT r.tag_id, CAST(sum(r.appearances) AS BIGINT) AS appearances
    FROM {{ tag_months(matched) }} r
    WHERE r.tag_id IS NOT NULL
    GROUP BY r.tag_id
),
tag_experts AS (
    SELECT r.tag_id, r.expert_id
    FROM {{ tag_expert_months(matched) }} r
    GROUP BY ALL
),
experts_per_tag AS (
    SELECT tag_id, count(*) AS experts FROM tag_experts GROUP BY tag_id
)

SELECT t.slug, t.name AS tag, p.appearances,
       p.appearances / sum(p.appearances) OVER () AS share,
       coalesce(x.experts, 0) AS experts
FROM per_tag p
JOIN tags t USING (tag_id)
LEFT JOIN experts_per_tag x USING (tag_id)
ORDER BY p.appearances DESC, t.slug
LIMIT $limit
