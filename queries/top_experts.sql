-- Experts ranked by appearances in the filtered view (share of voice).
-- Grain: one row per expert with at least one matching appearance, the top $limit (NULL: all).
-- An appearance with two experts counts for both, so share = the expert's appearances / the sum
-- of every expert's appearances (a ratio of sums). outlets = distinct outlets reached; the role
-- columns count appearances by how the expert appeared; total_experts = size of the full ranking.
-- (Counts come from the monthly rollup expert_months: data/rollups/expert_months.sql.)
WITH per_expert_outlet AS (
    SELECT r.expert_id, r.outlet_id,
           sum(r.appearances) AS appearances,
           sum(r.quoted) AS quoted,
           sum(r.interview) AS interview,
           sum(r.op_ed) AS op_ed,
           sum(r.on_air) AS on_air,
           sum(r.mentioned) AS mentioned
    FROM {{ expert_months }} r
    WHERE r.expert_id IS NOT NULL
    GROUP BY ALL
),
per_expert AS (
    SELECT expert_id, CAST(sum(appearances) AS BIGINT) AS appearances, count(*) AS outlets,
           CAST(sum(quoted) AS BIGINT) AS quoted,
           CAST(sum(interview) AS BIGINT) AS interview,
           CAST(sum(op_ed) AS BIGINT) AS op_ed,
           CAST(sum(on_air) AS BIGINT) AS on_air,
           CAST(sum(mentioned) AS BIGINT) AS mentioned
    FROM per_expert_outlet
    GROUP BY expert_id
)

SELECT
    p.expert_id, e.slug, e.name AS expert, e.programme,
    p.appearances, p.appearances / sum(p.appearances) OVER () AS share,
    p.outlets, p.quoted, p.interview, p.op_ed, p.on_air, p.mentioned,
    count(*) OVER () AS total_experts
FROM per_expert p JOIN experts e USING (expert_id)
ORDER BY p.appearances DESC, e.slug
LIMIT $limit
