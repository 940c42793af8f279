-- How each expert appears in the filtered view, one row per role of data/vocabulary.py ROLES
-- (quoted, interview, op-ed, on-air, mentioned).
-- Grain: one row per expert x role with at least one matching appearance.
-- (Counted from the monthly rollup expert_months, data/rollups/, whose role columns are named by
-- the roles' codes: unpivoted, a column's name is the role; names joined to the few rows.)
WITH per_expert AS (
    SELECT r.expert_id,
           sum(COLUMNS(* EXCLUDE (month, outlet_id, language, kind, expert_id, appearances)))
    FROM {{ expert_months }} r
    WHERE r.expert_id IS NOT NULL
    GROUP BY r.expert_id
),
per_role AS (
    UNPIVOT per_expert ON COLUMNS(* EXCLUDE expert_id) INTO NAME role VALUE appearances
)

SELECT e.slug, e.name AS expert, p.role, CAST(p.appearances AS BIGINT) AS appearances
FROM per_role p
JOIN experts e USING (expert_id)
WHERE p.appearances > 0
ORDER BY e.slug, p.appearances DESC, p.role
