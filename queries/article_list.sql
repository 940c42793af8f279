-- The appearances behind the view, one page at a time, with the total the page belongs to.
-- Grain: one row per appearance, $limit rows (NULL: all) from $offset, sorted by $sort (date,
-- outlet or title), $descending or not; names and titles as a reader orders them (capitals and
-- accents aside: "États-Unis" among the E), one outlet's or title's rows by date the same way;
-- undated and untitled rows always come last, article_id breaks ties. experts and tags are the
-- names joined with ', ' in alphabetical order;
-- expert_roles is the same experts as a list of {name, role} (role: a code of the vocabulary).
-- (ASC/DESC cannot be a bound parameter, so each sort key is present twice, one of them NULL.)
-- (The page is taken before anything else is joined, and the total counted apart: a CTE read
-- twice is materialised whole, titles and urls of every match included.)
WITH page AS (
    SELECT a.article_id, a.published, a.title, a.url, a.summary, a.language, a.kind, a.outlet_id,
           o.name AS outlet, o.slug AS outlet_slug, o.media_type, o.country,
           lower(strip_accents(o.name)) AS outlet_as_read,
           lower(strip_accents(a.title)) AS title_as_read
    FROM {{ articles }} a JOIN outlets o USING (outlet_id)
    ORDER BY
        CASE WHEN $sort = 'date' AND NOT $descending THEN a.published END ASC NULLS LAST,
        CASE WHEN $sort = 'date' AND $descending THEN a.published END DESC NULLS LAST,
        CASE WHEN $sort = 'outlet' AND NOT $descending THEN outlet_as_read END ASC NULLS LAST,
        CASE WHEN $sort = 'outlet' AND $descending THEN outlet_as_read END DESC NULLS LAST,
        CASE WHEN $sort = 'title' AND NOT $descending THEN title_as_read END ASC NULLS LAST,
        CASE WHEN $sort = 'title' AND $descending THEN title_as_read END DESC NULLS LAST,
        CASE WHEN $sort <> 'date' AND NOT $descending THEN a.published END ASC NULLS LAST,
        CASE WHEN $sort <> 'date' AND $descending THEN a.published END DESC NULLS LAST,
        a.article_id
    LIMIT $limit OFFSET $offset
),
page_experts AS (
    SELECT ae.article_id, string_agg(e.name, ', ' ORDER BY e.name) AS experts,
           list({'name': e.name, 'role': ae.role} ORDER BY e.name) AS expert_roles
    FROM page p JOIN article_experts ae USING (article_id) JOIN experts e USING (expert_id)
    GROUP BY ae.article_id
),
page_tags AS (
    SELECT atag.article_id, string_agg(t.name, ', ' ORDER BY t.name) AS tags
    FROM page p JOIN article_tags atag USING (article_id) JOIN tags t USING (tag_id)
    GROUP BY atag.article_id
)

SELECT
    p.article_id, p.published, p.outlet, p.outlet_slug, p.media_type, p.country, p.title, p.url,
    p.summary, p.language, x.experts, x.expert_roles, t.tags, p.kind,
    (SELECT count(*) FROM {{ articles }} a) AS total
FROM page p
LEFT JOIN page_experts x USING (article_id)
LEFT JOIN page_tags t USING (article_id)
ORDER BY
    CASE WHEN $sort = 'date' AND NOT $descending THEN p.published END ASC NULLS LAST,
    CASE WHEN $sort = 'date' AND $descending THEN p.published END DESC NULLS LAST,
    CASE WHEN $sort = 'outlet' AND NOT $descending THEN p.outlet_as_read END ASC NULLS LAST,
    CASE WHEN $sort = 'outlet' AND $descending THEN p.outlet_as_read END DESC NULLS LAST,
    CASE WHEN $sort = 'title' AND NOT $descending THEN p.title_as_read END ASC NULLS LAST,
    CASE WHEN $sort = 'title' AND $descending THEN p.title_as_read END DESC NULLS LAST,
    CASE WHEN $sort <> 'date' AND NOT $descending THEN p.published END ASC NULLS LAST,
    CASE WHEN $sort <> 'date' AND $descending THEN p.published END DESC NULLS LAST,
    p.article_id
