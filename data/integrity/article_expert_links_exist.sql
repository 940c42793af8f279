-- Every article_experts row's article and expert exist.
-- Offending rows: one per link whose article_id or expert_id names nothing.
SELECT article_id, expert_id, role
FROM article_experts
WHERE article_id NOT IN (SELECT article_id FROM articles)
   OR expert_id NOT IN (SELECT expert_id FROM experts)
ORDER BY article_id, expert_id
