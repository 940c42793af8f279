-- Where one expert appears: outlets ranked by that expert's matching appearances.
-- Grain: one row per outlet, the top $limit (NULL: all).
SELECT o.slug, o.name AS outlet, count(*) AS appearances
FROM {{ articles }} a
JOIN article_experts ae USING (article_id)
JOIN experts e ON e.expert_id = ae.expert_id
JOIN outlets o ON o.outlet_id = a.outlet_id
WHERE e.slug = $expert
GROUP BY ALL
ORDER BY appearances DESC, o.slug
LIMIT $limit
