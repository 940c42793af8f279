-- How many appearances the filtered view holds (what an export of the article list will contain).
-- Grain: one row.
SELECT count(*) AS total
FROM {{ articles }} a
