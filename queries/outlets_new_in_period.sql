-- Outlets that covered the selection for the first time in the period: their first dated
-- appearance among those matching every filter but the dates falls between $date_from and
-- $date_to (by default the filter's own dates; an open end is unbounded).
-- Grain: one row per such outlet; appearances = its matching appearances in the period.
WITH first_seen AS (
    SELECT a.outlet_id, min(a.published) AS first_date
    FROM {{ articles_any_date }} a
    WHERE a.published IS NOT NULL
    GROUP BY a.outlet_id
),
new_outlets AS (
    SELECT outlet_id, first_date
    FROM first_seen
    WHERE (CAST($date_from AS DATE) IS NULL OR first_date >= CAST($date_from AS DATE))
      AND (CAST($date_to AS DATE) IS NULL OR first_date <= CAST($date_to AS DATE))
),
in_period AS (
    SELECT a.outlet_id, count(*) AS appearances
    FROM {{ articles }} a
    WHERE a.outlet_id IN (SELECT outlet_id FROM new_outlets)
    GROUP BY a.outlet_id
)

SELECT o.slug, o.name AS outlet, o.media_type, n.first_date, p.appearances
FROM new_outlets n
JOIN in_period p USING (outlet_id)
JOIN outlets o USING (outlet_id)
ORDER BY n.first_date DESC, o.slug
