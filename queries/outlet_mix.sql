-- The filtered appearances by media type, country (of the outlet) or language (of the
-- appearance), as chosen by $dimension.
-- Grain: one row per value; 'unknown' where the value is not known. share = appearances / all.
WITH per_outlet AS (
    SELECT a.outlet_id, a.language, count(*) AS appearances
    FROM {{ articles }} a
    GROUP BY ALL
),
per_value AS (
    SELECT
        coalesce(CASE $dimension
            WHEN 'media_type' THEN o.media_type
            WHEN 'country' THEN o.country
            WHEN 'language' THEN p.language
        END, 'unknown') AS value,
        CAST(sum(p.appearances) AS BIGINT) AS appearances
    FROM per_outlet p JOIN outlets o USING (outlet_id)
    GROUP BY 1
)

SELECT value, appearances, appearances / sum(appearances) OVER () AS share
FROM per_value
ORDER BY appearances DESC, value
