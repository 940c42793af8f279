-- The appearances naming the expert $gone (a merge reads their experts before moving them).
SELECT dedupe_key
FROM articles
WHERE article_id IN (SELECT article_id FROM article_experts WHERE expert_id = $gone)
