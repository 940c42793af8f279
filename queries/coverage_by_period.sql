-- Appearances per period, with a zero for every period that had none.
-- Grain: one row per period; `period` is its first day (the Monday of a week, the 1st of a month,
-- quarter or year). Undated appearances have no period: kpis counts them, a timeline never does.
-- (Counting by day first, then grouping days into periods, is 4x cheaper than truncating every
-- appearance's date.)
WITH matched AS (
    SELECT a.published, count(*) AS appearances
    FROM {{ articles }} a
    WHERE a.published IS NOT NULL
    GROUP BY a.published
),

---------- the periods to show: the requested range, else the matched data's, clipped to the
---------- store's dated span (up to today) so a far-fetched link cannot ask for a million days
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

---------- counts
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
