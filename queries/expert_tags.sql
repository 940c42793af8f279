-- What one expert is asked about: tags ranked by that expert's matching appearances.
-- Grain: one row per tag, the top $limit (NULL: all). Untagged appearances are not listed.
SELECT t.slug, t.name AS tag, count(*) AS appearances
FROM {{ articles }} a
JOIN article_experts ae USING (article_id)
JOIN experts e ON e.expert_id = ae.expert_id
JOIN article_tags atag ON atag.article_id = a.article_id
JOIN tags t ON t.tag_id = atag.tag_id
WHERE e.slug = $expert
GROUP BY ALL
ORDER BY appearances DESC, t.slug
LIMIT $limit
