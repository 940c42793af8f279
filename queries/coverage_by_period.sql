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

---------- counts
counts AS (
    SELECT CAST(date_trunc($grain, published) AS DATE) AS period,
           CAST(sum(appearances) AS BIGINT) AS appearances
    FROM matched
    GROUP BY ALL
)

---------- every period to show: $date_from..$date_to, else the matched data's (queries/macros.sql)
SELECT period, coalesce(counts.appearances, 0) AS appearances
FROM period_spine($grain, $date_from, $date_to,
                  (SELECT min(published) FROM matched), (SELECT max(published) FROM matched))
LEFT JOIN counts USING (period)
ORDER BY period
