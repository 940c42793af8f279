-- Table macros the .sql files of queries/ call like tables. The store keeps them: every
-- migration and every write creates them anew from this file (data.store.create_macros), so a
-- read-only reader calls them at no cost. A change here reaches a store with its next write;
-- add a migration with it so that every store the dashboard opens has it.

-- period_spine(grain, wanted_from, wanted_to, data_from, data_to): the periods a timeline shows.
-- Grain: one row per period, `period` its first day (the Monday of a week, the 1st of a month,
-- quarter or year), every period from the one holding the first day to the one holding the
-- last. The days are the wanted range (a query's $date_from, $date_to), else the span of the
-- data it counts (data_from, data_to), clipped to the store's dated span up to today, so a link
-- asking for 1900-9999 by day cannot ask for three million rows. No row when there is neither a
-- wanted day nor data on one side.
CREATE OR REPLACE MACRO period_spine(grain, wanted_from, wanted_to, data_from, data_to) AS TABLE
WITH bounds AS (
    SELECT CAST(date_trunc(grain, greatest(wanted.lo, store.first_date)) AS DATE) AS lo,
           CAST(date_trunc(grain, least(wanted.hi, store.last_date)) AS DATE) AS hi
    FROM (SELECT coalesce(CAST(wanted_from AS DATE), data_from) AS lo,
                 coalesce(CAST(wanted_to AS DATE), data_to) AS hi) AS wanted,
         (SELECT min(published) AS first_date, greatest(max(published), current_date) AS last_date
          FROM articles) AS store
    WHERE wanted.lo IS NOT NULL AND wanted.hi IS NOT NULL
)
SELECT CAST(unnest(generate_series(lo, hi, CASE grain
    WHEN 'day' THEN INTERVAL 1 DAY WHEN 'week' THEN INTERVAL 7 DAY
    WHEN 'month' THEN INTERVAL 1 MONTH WHEN 'quarter' THEN INTERVAL 3 MONTH
    WHEN 'year' THEN INTERVAL 1 YEAR END)) AS DATE) AS period
FROM bounds
WHERE lo <= hi;
