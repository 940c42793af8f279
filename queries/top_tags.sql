-- Topics ranked by appearances in the filtered view.
-- Grain: one row per tag with at least one matching appearance, the top $limit (NULL: all).
-- An appearance with two tags counts for both, so share = the tag's appearances / the sum of
-- every tag's appearances (a ratio of sums); experts = distinct experts on that tag.
WITH tagged AS (
    SELECT atag.tag_id, atag.article_id
    FROM article_tags atag
    WHERE {{ selected(atag.article_id) }}
),
per_tag AS (
    SELECT tag_id, count(*) AS appearances FROM tagged GROUP BY tag_id
),
tag_experts AS (
    SELECT t.tag_id, ae.expert_id
    FROM tagged t JOIN article_experts ae USING (article_id)
    GROUP BY ALL
),
experts_per_tag AS (
    SELECT tag_id, count(*) AS experts FROM tag_experts GROUP BY tag_id
)

SELECT t.slug, t.name AS tag, p.appearances,
       p.appearances / sum(p.appearances) OVER () AS share,
       coalesce(x.experts, 0) AS experts
FROM per_tag p
JOIN tags t USING (tag_id)
LEFT JOIN experts_per_tag x USING (tag_id)
ORDER BY p.appearances DESC, t.slug
LIMIT $limit
