-- Pairs of counted, dated media appearances in the same outlet on the same or the next day:
-- the candidates data/curation.py tests as likely duplicates (shared experts, similar or
-- translated titles; their evidence is read for the pairs kept, queue_evidence.sql). Grain: one
-- row per pair, first the older id.
WITH named AS (
    SELECT ae.article_id, list(e.name ORDER BY e.name) AS experts
    FROM article_experts ae JOIN experts e USING (expert_id)
    GROUP BY ae.article_id
),

counted AS (
    SELECT
        a.article_id, a.dedupe_key, a.outlet_id, a.published, a.title, a.language, a.url,
        a.source_file, a.source_row, coalesce(n.experts, []) AS experts
    FROM articles a
    LEFT JOIN named n USING (article_id)
    WHERE a.kind = 'appearance' AND NOT a.excluded AND a.published IS NOT NULL
),

-- each appearance once per day it may pair on: an equality join, not a range join
nearby AS (
    SELECT *, unnest([published - 1, published, published + 1]) AS near FROM counted
)

SELECT
    x.article_id AS first_id, x.title AS first_title, x.language AS first_language,
    x.experts AS first_experts,
    y.article_id AS second_id, y.title AS second_title, y.language AS second_language,
    y.experts AS second_experts
FROM counted x
JOIN nearby y
    ON y.outlet_id = x.outlet_id AND y.near = x.published AND y.article_id > x.article_id
ORDER BY x.article_id, y.article_id
