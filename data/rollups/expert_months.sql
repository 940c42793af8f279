-- Rows of the rollup expert_months: one per appearance x expert (one with expert_id NULL for an
-- appearance with no expert), counting 1 appearance and 1 in the column of the expert's role.
-- The table keeps their sums by month, outlet, language, kind and expert.
SELECT CAST(date_trunc('month', a.published) AS DATE) AS month,
       a.outlet_id, a.language, a.kind, ae.expert_id,
       1 AS appearances,
       CASE WHEN ae.role = 'quoted' THEN 1 ELSE 0 END AS quoted,
       CASE WHEN ae.role = 'interview' THEN 1 ELSE 0 END AS interview,
       CASE WHEN ae.role = 'op-ed' THEN 1 ELSE 0 END AS op_ed,
       CASE WHEN ae.role = 'on-air' THEN 1 ELSE 0 END AS on_air,
       CASE WHEN ae.role = 'mentioned' THEN 1 ELSE 0 END AS mentioned
FROM {{ articles }} a
LEFT JOIN article_experts ae USING (article_id)
