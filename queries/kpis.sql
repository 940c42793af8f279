-- The headline numbers of the filtered view; run it again with `filters.previous_period()` for
-- the change against the previous period.
-- Grain: one row. `appearances` counts every matching appearance: without a date range that
-- includes undated ones (no date range can contain them). `undated` counts the appearances that
-- match every filter but the dates and have no date. Dates are those of the matched appearances.
-- tier_one / tiered: the appearances in tier-1 outlets / in outlets with any tier (the share of
-- tier-1 coverage is tier_one / appearances). potential_reach: the potential audience, counted
-- once per outlet as Muck Rack does: per outlet, the largest reach its matched appearances give
-- (else the outlet's own audience figure), summed over the outlets; reach_outlets: how many
-- outlets gave a figure (NULL and 0 when none did). Never an advertising value.
-- (Experts and tags reached come from the monthly rollups, data/rollups/, where the filters
-- allow; GROUP BY counts distinct values faster than DISTINCT in DuckDB 2.0.)
WITH matched AS (
    SELECT a.article_id, a.outlet_id, a.published, a.language, a.kind, a.reach
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
),
per_outlet AS (
    SELECT m.outlet_id, count(*) AS appearances, max(m.reach) AS reach
    FROM matched m
    GROUP BY 1
),
by_outlet AS (
    SELECT
        CAST(coalesce(sum(p.appearances) FILTER (WHERE o.tier = 1), 0) AS BIGINT) AS tier_one,
        CAST(coalesce(sum(p.appearances) FILTER (WHERE o.tier IS NOT NULL), 0) AS BIGINT)
            AS tiered,
        CAST(sum(coalesce(p.reach, o.audience)) AS BIGINT) AS potential_reach,
        count(coalesce(p.reach, o.audience)) AS reach_outlets
    FROM per_outlet p JOIN outlets o USING (outlet_id)
)

SELECT
    count(*) AS appearances,
    count(DISTINCT outlet_id) AS outlets,
    (SELECT count(*) FROM experts_reached) AS experts,
    (SELECT count(*) FROM tags_reached) AS tags,
    (SELECT count(*) FROM {{ articles_any_date }} a WHERE a.published IS NULL) AS undated,
    min(published) AS first_date,
    max(published) AS data_through,
    (SELECT tier_one FROM by_outlet) AS tier_one,
    (SELECT tiered FROM by_outlet) AS tiered,
    (SELECT potential_reach FROM by_outlet) AS potential_reach,
    (SELECT reach_outlets FROM by_outlet) AS reach_outlets
FROM matched
