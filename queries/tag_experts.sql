-- Who speaks on one topic: experts ranked by their matching appearances tagged $tag.
-- Grain: one row per expert, the top $limit (NULL: all).
SELECT e.slug, e.name AS expert, count(*) AS appearances
FROM {{ articles }} a
JOIN article_tags atag USING (article_id)
JOIN tags t ON t.tag_id = atag.tag_id
JOIN article_experts ae ON ae.article_id = a.article_id
JOIN experts e ON e.expert_id = ae.expert_id
WHERE t.slug = $tag
GROUP BY ALL
ORDER BY appearances DESC, e.slug
LIMIT $limit
