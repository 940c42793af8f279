-- The stored appearances with the same outlet and experts as a record of the import, dated the
-- same day or up to $days apart (data/dedupe.py: the rules across keys). The import's bylines
-- come as three aligned lists: $slug (outlet slug), $day and $people (the experts' slugs, sorted).
WITH batch AS (
    SELECT unnest($slug) AS slug, unnest($day) AS day, unnest($people) AS people
),

stored AS (
    SELECT
        o.slug, a.published AS day, a.title, a.dedupe_key, a.language,
        list_sort(list(e.slug)) AS people
    FROM articles a
    JOIN outlets o USING (outlet_id)
    SEMI JOIN batch b
        ON b.slug = o.slug
        AND b.day BETWEEN a.published - $days::INTEGER AND a.published + $days::INTEGER
    JOIN article_experts ae USING (article_id)
    JOIN experts e USING (expert_id)
    GROUP BY a.article_id, o.slug, a.published, a.title, a.dedupe_key, a.language
)

SELECT s.slug, s.day, s.title, s.dedupe_key, s.language, s.people
FROM stored s
SEMI JOIN batch b
    ON b.slug = s.slug AND b.people = s.people
    AND b.day BETWEEN s.day - $days::INTEGER AND s.day + $days::INTEGER
