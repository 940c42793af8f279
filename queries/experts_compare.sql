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
),

---------- the periods to show (as in coverage_by_period)
bounds AS (
    SELECT CAST(date_trunc($grain, greatest(m.lo, s.first_date)) AS DATE) AS lo,
           CAST(date_trunc($grain, least(m.hi, s.last_date)) AS DATE) AS hi
    FROM (SELECT coalesce(CAST($date_from AS DATE), min(period)) AS lo,
                 coalesce(CAST($date_to AS DATE), max(period)) AS hi
          FROM counts) AS m,
         (SELECT min(published) AS first_date, greatest(max(published), current_date) AS last_date
          FROM articles) AS s
    WHERE m.lo IS NOT NULL AND m.hi IS NOT NULL
),
spine AS (
    SELECT CAST(unnest(generate_series(lo, hi, CASE $grain
        WHEN 'day' THEN INTERVAL 1 DAY WHEN 'week' THEN INTERVAL 7 DAY
        WHEN 'month' THEN INTERVAL 1 MONTH WHEN 'quarter' THEN INTERVAL 3 MONTH
        WHEN 'year' THEN INTERVAL 1 YEAR END)) AS DATE) AS period
    FROM bounds
    WHERE lo <= hi
)

SELECT s.period, c.slug, c.name AS expert, coalesce(n.appearances, 0) AS appearances
FROM spine s
CROSS JOIN chosen c
LEFT JOIN counts n ON n.period = s.period AND n.expert_id = c.expert_id
ORDER BY s.period, c.slug
