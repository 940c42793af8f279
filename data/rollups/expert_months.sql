-- Rows of the rollup expert_months: one per appearance x expert (one with expert_id NULL for an
-- appearance with no expert), counting 1 appearance and 1 in the column of the expert's role:
-- one column per role of data/vocabulary.py ROLES, named by its code ("op-ed").
-- The table keeps their sums by month, outlet, language, kind and expert.
SELECT CAST(date_trunc('month', a.published) AS DATE) AS month,
       a.outlet_id, a.language, a.kind, ae.expert_id,
       1 AS appearances,
       {{ role_counts }}
FROM {{ articles }} a
LEFT JOIN article_experts ae USING (article_id)
