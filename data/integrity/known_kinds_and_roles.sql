-- Every article's kind is one of data.model.KINDS and every expert link's role one of
-- data.model.ROLES ($kinds, $roles): a rollup would count anything else under no role.
-- Offending rows: one per article or link with another value.
SELECT 'kind' AS field, article_id, NULL AS expert_id, kind AS value
FROM articles
WHERE kind NOT IN (SELECT unnest($kinds))
UNION ALL
SELECT 'role', article_id, expert_id, role
FROM article_experts
WHERE role NOT IN (SELECT unnest($roles))
ORDER BY field, article_id, expert_id
