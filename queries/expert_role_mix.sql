-- How each expert appears in the filtered view: quoted, interview, op-ed, on-air, mentioned.
-- Grain: one row per expert x role with at least one matching appearance.
SELECT e.slug, e.name AS expert, ae.role, count(*) AS appearances
FROM {{ articles }} a
JOIN article_experts ae USING (article_id)
JOIN experts e ON e.expert_id = ae.expert_id
GROUP BY ALL
ORDER BY e.slug, appearances DESC, ae.role
