-- Up to five experts side by side over time (share of voice between them).
-- Grain: one row per period x expert of $experts (slugs; unknown ones are left out), with a zero
-- where an expert had no appearance. Periods span $date_from..$date_to, else the span of the
-- compared experts' dated appearances, clipped to the store's.
WITH chosen AS (
    SELECT expert_id, slug, name FROM experts WHERE slug IN (SELECT unnest($experts))
),
-- by month or longer from the monthly rollup expert_months (data/rollups/), by day or week from
-- the appearances themselves
counts AS (
    SELECT CAST(date_trunc($grain, r.month) AS DATE) AS period, r.expert_id,
           CAST(sum(r.appearances) AS BIGINT) AS appearances
    FROM {{ expert_months }} r
    WHERE $grain IN ('month', 'quarter', 'year') AND r.month IS NOT NULL
      AND r.expert_id IN (SELECT expert_id FROM chosen)
    GROUP BY ALL
    UNION ALL
    SELECT CAST(date_trunc($grain, a.published) AS DATE) AS period, ae.expert_id,
           count(*) AS appearances
    FROM {{ articles }} a
    JOIN article_experts ae USING (article_id)
    WHERE $grain IN ('day', 'week') AND a.published IS NOT NULL
      AND ae.expert_id IN (SELECT expert_id FROM chosen)
    GROUP BY ALL
)

---------- the periods to show (queries/macros.sql), each with every compared expert
SELECT s.period, c.slug, c.name AS expert, coalesce(n.appearances, 0) AS appearances
FROM period_spine($grain, $date_from, $date_to,
                  (SELECT min(period) FROM counts), (SELECT max(period) FROM counts)) AS s
CROSS JOIN chosen c
LEFT JOIN counts n ON n.period = s.period AND n.expert_id = c.expert_id
ORDER BY s.period, c.slug
