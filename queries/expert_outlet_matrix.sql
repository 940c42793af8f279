-- Which experts appear in which outlets (a heatmap in long format): the top $limit experts by
-- the top $limit outlets of the filtered view.
-- Grain: one row per expert x outlet, with a zero where that expert never appeared there.
-- (The filtered appearances are read once: a text search costs one scan, not two. Pairs come
-- from the monthly rollup expert_months: data/rollups/expert_months.sql.)
WITH matched AS (
    SELECT a.article_id, a.outlet_id, a.published, a.language, a.kind
    FROM {{ articles }} a
),
pairs AS (
    SELECT r.expert_id, r.outlet_id, CAST(sum(r.appearances) AS BIGINT) AS appearances
    FROM {{ expert_months(matched) }} r
    WHERE r.expert_id IS NOT NULL
    GROUP BY ALL
),
top_experts AS (
    SELECT p.expert_id, e.slug, e.name, sum(p.appearances) AS total
    FROM pairs p JOIN experts e USING (expert_id)
    GROUP BY ALL
    ORDER BY total DESC, e.slug
    LIMIT $limit
),
-- an outlet's rank counts its appearances once, however many experts each had
top_outlets AS (
    SELECT m.outlet_id, o.slug, o.name, count(*) AS total
    FROM matched m JOIN outlets o USING (outlet_id)
    WHERE m.outlet_id IN (SELECT outlet_id FROM pairs)
    GROUP BY ALL
    ORDER BY total DESC, o.slug
    LIMIT $limit
)

SELECT te.slug AS expert_slug, te.name AS expert, tout.slug AS outlet_slug, tout.name AS outlet,
       coalesce(p.appearances, 0) AS appearances
FROM top_experts te
CROSS JOIN top_outlets tout
LEFT JOIN pairs p ON p.expert_id = te.expert_id AND p.outlet_id = tout.outlet_id
ORDER BY te.total DESC, te.slug, tout.total DESC, tout.slug
