-- The values each filter can take, for the sidebar and for checking the values of a shared link.
-- Grain: one row per dimension x value; dimension is a Filters field (the dimensions of
-- queries/dimensions.py), value is what goes in the URL (a slug or a code), label what a person
-- reads (for a coded dimension the code itself: the registry names it), appearances how many
-- appearances of any kind carry it (no filters; an appearance an editor excluded is not counted).
-- (Counting by id before joining names reads each big table once.)
WITH per_outlet AS (
    SELECT outlet_id, language, kind, count(*) AS appearances
    FROM articles
    WHERE NOT excluded
    GROUP BY ALL
),
per_expert AS (
    SELECT expert_id, count(*) AS appearances
    FROM article_experts
    WHERE article_id NOT IN (SELECT article_id FROM articles WHERE excluded)
    GROUP BY expert_id
),
per_tag AS (
    SELECT tag_id, count(*) AS appearances
    FROM article_tags
    WHERE article_id NOT IN (SELECT article_id FROM articles WHERE excluded)
    GROUP BY tag_id
),
-- every outlet x language x kind of its appearances (an outlet with none: one row, counting 0)
counted AS (
    SELECT o.outlet_id, o.slug, o.name, {{ coded_columns }},
           coalesce(a.appearances, 0) AS appearances
    FROM outlets o LEFT JOIN per_outlet a USING (outlet_id)
),
-- the coded dimensions' values, one row per row of `counted` and dimension (NULLs dropped)
coded AS (
    UNPIVOT counted
    ON COLUMNS(* EXCLUDE (outlet_id, slug, name, appearances))
    INTO NAME dimension VALUE value
)

SELECT 'outlets' AS dimension, slug AS value, name AS label,
       CAST(sum(appearances) AS BIGINT) AS appearances
FROM counted
GROUP BY ALL
UNION ALL
SELECT 'experts', e.slug, e.name, coalesce(p.appearances, 0)
FROM experts e LEFT JOIN per_expert p USING (expert_id)
UNION ALL
SELECT 'tags', t.slug, t.name, coalesce(p.appearances, 0)
FROM tags t LEFT JOIN per_tag p USING (tag_id)
UNION ALL
-- a programme's appearances: those one of its experts is in, each once
SELECT 'programmes', e.programme_slug, min(e.programme), count(DISTINCT ae.article_id)
FROM experts e LEFT JOIN article_experts ae USING (expert_id)
WHERE e.programme_slug IS NOT NULL
GROUP BY e.programme_slug
UNION ALL
SELECT dimension, value, value, CAST(sum(appearances) AS BIGINT)
FROM coded
GROUP BY ALL
ORDER BY dimension, appearances DESC, value
