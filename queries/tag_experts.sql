-- Who speaks on one topic: experts ranked by their matching appearances tagged $tag.
-- Grain: one row per expert, the top $limit (NULL: all).
-- (Counted from the monthly rollup tag_expert_months: data/rollups/tag_expert_months.sql.)
SELECT e.slug, e.name AS expert, CAST(sum(r.appearances) AS BIGINT) AS appearances
FROM {{ tag_expert_months }} r
JOIN experts e ON e.expert_id = r.expert_id
WHERE r.tag_id = (SELECT tag_id FROM tags WHERE slug = $tag)
GROUP BY ALL
ORDER BY appearances DESC, e.slug
LIMIT $limit
