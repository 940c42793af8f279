-- One expert's appearances per period (expert page), with a zero for every period without.
-- Grain: one row per period (its first day), over $date_from..$date_to, else the expert's own
-- dated span, clipped to the store's. Undated appearances are never on a timeline.
WITH matched AS (
    SELECT a.published, count(*) AS appearances
    FROM {{ articles }} a
    JOIN article_experts ae USING (article_id)
    JOIN experts e ON e.expert_id = ae.expert_id
    WHERE a.published IS NOT NULL AND e.slug = $expert
    GROUP BY a.published
),

---------- the periods to show (as in coverage_by_period)
bounds AS (
    SELECT CAST(date_trunc($grain, greatest(m.lo, s.first_date)) AS DATE) AS lo,
           CAST(date_trunc($grain, least(m.hi, s.last_date)) AS DATE) AS hi
    FROM (SELECT coalesce(CAST($date_from AS DATE), min(published)) AS lo,
                 coalesce(CAST($date_to AS DATE), max(published)) AS hi
          FROM matched) AS m,
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
),
counts AS (
    SELECT CAST(date_trunc($grain, published) AS DATE) AS period,
           CAST(sum(appearances) AS BIGINT) AS appearances
    FROM matched
    GROUP BY ALL
)

SELECT period, coalesce(counts.appearances, 0) AS appearances
FROM spine
LEFT JOIN counts USING (period)
ORDER BY period
