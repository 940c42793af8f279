-- The filtered appearances by one dimension of their outlets or themselves, as chosen by
-- the `dimension` parameter (queries/dimensions.py: media type, country, tier, language).
-- Grain: one row per value; 'unknown' where the value is not known. share = appearances / all.
WITH per_outlet AS (
    SELECT a.outlet_id, a.language, count(*) AS appearances
    FROM {{ articles }} a
    GROUP BY ALL
),
per_value AS (
    SELECT coalesce({{ dimension.value }}, 'unknown') AS value,
           CAST(sum(a.appearances) AS BIGINT) AS appearances
    FROM per_outlet a JOIN outlets o USING (outlet_id)
    GROUP BY 1
)

SELECT value, appearances, appearances / sum(appearances) OVER () AS share
FROM per_value
ORDER BY appearances DESC, value
