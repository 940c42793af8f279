-- The values each filter can take, for the sidebar and for checking the values of a shared link.
-- Grain: one row per dimension x value; dimension is a Filters field (outlets, experts, tags,
-- languages, countries, media_types, kinds), value is what goes in the URL (a slug or a code),
-- label what a person reads, appearances how many appearances of any kind carry it (no filters).
SELECT 'outlets' AS dimension, o.slug AS value, o.name AS label, count(a.article_id) AS appearances
FROM outlets o LEFT JOIN articles a USING (outlet_id)
GROUP BY ALL
UNION ALL
SELECT 'experts', e.slug, e.name, count(ae.article_id)
FROM experts e LEFT JOIN article_experts ae USING (expert_id)
GROUP BY ALL
UNION ALL
SELECT 'tags', t.slug, t.name, count(atag.article_id)
FROM tags t LEFT JOIN article_tags atag USING (tag_id)
GROUP BY ALL
UNION ALL
SELECT 'languages', language, language, count(*)
FROM articles WHERE language IS NOT NULL
GROUP BY ALL
UNION ALL
SELECT 'countries', o.country, o.country, count(a.article_id)
FROM outlets o LEFT JOIN articles a USING (outlet_id)
WHERE o.country IS NOT NULL
GROUP BY ALL
UNION ALL
SELECT 'media_types', o.media_type, o.media_type, count(a.article_id)
FROM outlets o LEFT JOIN articles a USING (outlet_id)
WHERE o.media_type IS NOT NULL
GROUP BY ALL
UNION ALL
SELECT 'kinds', kind, kind, count(*)
FROM articles
GROUP BY ALL
ORDER BY dimension, appearances DESC, value
