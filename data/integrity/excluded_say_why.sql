-- An appearance excluded from the counts says why, and only an excluded one has a reason.
-- Offending rows: one per appearance whose flag and reason disagree.
SELECT article_id, excluded, exclusion_reason
FROM articles
WHERE excluded <> (exclusion_reason IS NOT NULL)
ORDER BY article_id
