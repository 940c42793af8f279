-- What one expert is asked about: tags ranked by that expert's matching appearances.
-- Grain: one row per tag, the top $limit (NULL: all). Untagged appearances are not listed.
-- (Counted from the monthly rollup tag_expert_months: data/rollups/tag_expert_months.sql.)
SELECT t.slug, t.name AS tag, CAST(sum(r.appearances) AS BIGINT) AS appearances
FROM {{ tag_expert_months }} r
JOIN tags t ON t.tag_id = r.tag_id
WHERE r.expert_id = (SELECT expert_id FROM experts WHERE slug = $expert)
GROUP BY ALL
ORDER BY appearances DESC, t.slug
LIMIT $limit
