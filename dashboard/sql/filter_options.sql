-- The values each sidebar filter offers, with the name shown for each.
-- Grain: one row per dimension x value.
SELECT 'outlets' AS dimension, slug AS value, name AS label FROM outlets
UNION ALL
SELECT 'experts', slug, name FROM experts
UNION ALL
SELECT 'tags', slug, name FROM tags
UNION ALL
SELECT DISTINCT 'languages', language, language FROM articles WHERE language IS NOT NULL
UNION ALL
SELECT DISTINCT 'countries', country, country FROM outlets WHERE country IS NOT NULL
UNION ALL
SELECT DISTINCT 'media_types', media_type, media_type FROM outlets WHERE media_type IS NOT NULL
UNION ALL
SELECT DISTINCT 'kinds', kind, kind FROM articles
ORDER BY dimension, label
