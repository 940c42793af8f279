-- Rows of the rollup tag_expert_months: one per appearance x tag x expert (appearances with a
-- tag and an expert only): which experts speak on which topics. The table keeps their count by
-- month, language, kind, tag and expert.
SELECT CAST(date_trunc('month', a.published) AS DATE) AS month,
       a.language, a.kind, atag.tag_id, ae.expert_id,
       1 AS appearances
FROM {{ articles }} a
JOIN article_tags atag USING (article_id)
JOIN article_experts ae USING (article_id)
