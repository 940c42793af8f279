-- How each expert appears in the filtered view: quoted, interview, op-ed, on-air, mentioned.
-- Grain: one row per expert x role with at least one matching appearance.
-- (Counted from the monthly rollup expert_months, data/rollups/; names joined to the few rows.)
WITH per_expert AS (
    SELECT r.expert_id,
           sum(r.quoted) AS quoted, sum(r.interview) AS interview, sum(r.op_ed) AS op_ed,
           sum(r.on_air) AS on_air, sum(r.mentioned) AS mentioned
    FROM {{ expert_months }} r
    WHERE r.expert_id IS NOT NULL
    GROUP BY r.expert_id
),
per_role AS (
    SELECT p.expert_id, roles.role,
           CAST(CASE roles.role WHEN 'quoted' THEN p.quoted WHEN 'interview' THEN p.interview
                WHEN 'op-ed' THEN p.op_ed WHEN 'on-air' THEN p.on_air
                ELSE p.mentioned END AS BIGINT) AS appearances
    FROM per_expert p
    CROSS JOIN (VALUES ('quoted'), ('interview'), ('op-ed'), ('on-air'), ('mentioned')) roles(role)
)

SELECT e.slug, e.name AS expert, p.role, p.appearances
FROM per_role p
JOIN experts e USING (expert_id)
WHERE p.appearances > 0
ORDER BY e.slug, p.appearances DESC, p.role
