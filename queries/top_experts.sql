-- Experts ranked by appearances in the filtered view (share of voice).
-- Grain: one row per expert with at least one matching appearance, the top $limit (NULL: all).
-- An appearance with two experts counts for both, so share = the expert's appearances / the sum
-- of every expert's appearances (a ratio of sums). outlets = distinct outlets reached; then one
-- column per role (data/vocabulary.py ROLES, named by its code: quoted ... op-ed ...) counting
-- the appearances by how the expert appeared; total_experts = size of the full ranking.
-- (Counts come from the monthly rollup expert_months: data/rollups/expert_months.sql; COLUMNS
-- sums every count it keeps, appearances and the roles.)
WITH per_expert_outlet AS (
    SELECT r.expert_id, r.outlet_id,
           sum(COLUMNS(* EXCLUDE (month, outlet_id, language, kind, expert_id)))
    FROM {{ expert_months }} r
    WHERE r.expert_id IS NOT NULL
    GROUP BY ALL
),
per_expert AS (
    SELECT expert_id, count(*) AS outlets,
           CAST(sum(COLUMNS(* EXCLUDE (expert_id, outlet_id))) AS BIGINT)
    FROM per_expert_outlet
    GROUP BY expert_id
)

SELECT
    p.expert_id, e.slug, e.name AS expert, e.programme,
    p.appearances, p.appearances / sum(p.appearances) OVER () AS share,
    p.outlets, COLUMNS(p.* EXCLUDE (expert_id, appearances, outlets)),
    count(*) OVER () AS total_experts
FROM per_expert p JOIN experts e USING (expert_id)
ORDER BY p.appearances DESC, e.slug
LIMIT $limit
