-- How each expert appears in the filtered view: quoted, interview, op-ed, on-air, mentioned.
-- Grain: one row per expert x role with at least one matching appearance.
-- (Counted on ids, names joined to the few counted rows.)
WITH per_role AS (
    SELECT ae.expert_id, ae.role, count(*) AS appearances
    FROM article_experts ae
    WHERE {{ selected(ae.article_id) }}
    GROUP BY ALL
)

SELECT e.slug, e.name AS expert, p.role, p.appearances
FROM per_role p
JOIN experts e USING (expert_id)
ORDER BY e.slug, p.appearances DESC, p.role
