-- The appearances on the topic $gone (a merge reads their topics before moving them).
SELECT dedupe_key
FROM articles
WHERE article_id IN (SELECT article_id FROM article_tags WHERE tag_id = $gone)
