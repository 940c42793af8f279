-- Experts ranked by appearances in the filtered view (share of voice).
-- Grain: one row per expert with at least one matching appearance, the top $limit (NULL: all).
-- An appearance with two experts counts for both, so share = the expert's appearances / the sum
-- of every expert's appearances (a ratio of sums). outlets = distinct outlets reached; the role
-- columns count appearances by how the expert appeared; total_experts = size of the full ranking.
WITH matched AS (
    SELECT a.article_id, a.outlet_id
    FROM {{ articles }} a
),
per_expert_outlet AS (
    SELECT ae.expert_id, m.outlet_id,
           count(*) AS appearances,
           count(*) FILTER (ae.role = 'quoted') AS quoted,
           count(*) FILTER (ae.role = 'interview') AS interview,
           count(*) FILTER (ae.role = 'op-ed') AS op_ed,
           count(*) FILTER (ae.role = 'on-air') AS on_air,
           count(*) FILTER (ae.role = 'mentioned') AS mentioned
    FROM matched m JOIN article_experts ae USING (article_id)
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
