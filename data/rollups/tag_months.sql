-- Rows of the rollup tag_months: one per appearance x tag (one with tag_id NULL for an untagged
-- appearance). The table keeps their count by month, outlet, language, kind and tag.
SELECT CAST(date_trunc('month', a.published) AS DATE) AS month,
       a.outlet_id, a.language, a.kind, atag.tag_id,
       1 AS appearances
FROM {{ articles }} a
LEFT JOIN article_tags atag USING (article_id)
