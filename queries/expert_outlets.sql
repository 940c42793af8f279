-- Where one expert appears: outlets ranked by that expert's matching appearances.
-- Grain: one row per outlet, the top $limit (NULL: all).
-- (Counted from the monthly rollup expert_months: data/rollups/expert_months.sql.)
SELECT o.slug, o.name AS outlet, CAST(sum(r.appearances) AS BIGINT) AS appearances
FROM {{ expert_months }} r
JOIN outlets o ON o.outlet_id = r.outlet_id
WHERE r.expert_id = (SELECT expert_id FROM experts WHERE slug = $expert)
GROUP BY ALL
ORDER BY appearances DESC, o.slug
LIMIT $limit
