-- The headline numbers of the filtered view; run it again with `filters.previous_period()` for
-- the change against the previous period.
-- Grain: one row. `appearances` counts every matching appearance: without a date range that
-- includes undated ones (no date range can contain them). `undated` counts the appearances that
-- match every filter but the dates and have no date. Dates are those of the matched appearances.
-- (Experts and tags reached come from the monthly rollups, data/rollups/, where the filters
-- allow; GROUP BY counts distinct values faster than DISTINCT in DuckDB 2.0.)
WITH matched AS (
    SELECT a.article_id, a.outlet_id, a.published, a.language, a.kind
    FROM {{ articles }} a
),
experts_reached AS (
    SELECT r.expert_id FROM {{ expert_months(matched) }} r
    WHERE r.expert_id IS NOT NULL
    GROUP BY 1
),
tags_reached AS (
    SELECT r.tag_id FROM {{ tag_months(matched) }} r
    WHERE r.tag_id IS NOT NULL
    GROUP BY 1
)

SELECT
    count(*) AS appearances,
    count(DISTINCT outlet_id) AS outlets,
    (SELECT count(*) FROM experts_reached) AS experts,
    (SELECT count(*) FROM tags_reached) AS tags,
    (SELECT count(*) FROM {{ articles_any_date }} a WHERE a.published IS NULL) AS undated,
    min(published) AS first_date,
    max(published) AS data_through
FROM matched
