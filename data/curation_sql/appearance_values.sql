-- What an editor can change of the appearances whose dedupe keys are $keys, as stored now.
-- Grain: one row per appearance. experts: [slug, role] pairs by slug; topics: names by slug;
-- excluded: the reason it is left out of the counts, NULL when it is counted.
SELECT
    a.article_id,
    a.dedupe_key,
    a.title,
    o.slug AS outlet,
    a.published,
    a.url,
    a.kind,
    a.language,
    a.exclusion_reason AS excluded,
    coalesce((
        SELECT list([e.slug, ae.role] ORDER BY e.slug)
        FROM article_experts ae JOIN experts e USING (expert_id)
        WHERE ae.article_id = a.article_id
    ), []) AS experts,
    coalesce((
        SELECT list(t.name ORDER BY t.slug)
        FROM article_tags atag JOIN tags t USING (tag_id)
        WHERE atag.article_id = a.article_id
    ), []) AS topics
FROM articles a
JOIN outlets o USING (outlet_id)
WHERE a.dedupe_key IN (SELECT unnest($keys))
