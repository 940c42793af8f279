-- People found in pages as the organisation's own who are not in the roster (unconfirmed),
-- with the appearances that name them. Grain: one row per unconfirmed expert, most first.
-- evidence: up to three appearances as [source file, row, title].
SELECT
    e.slug,
    e.name,
    count(a.article_id) AS appearances,
    (
        list([a.source_file, CAST(a.source_row AS VARCHAR), a.title] ORDER BY a.article_id)
        FILTER (WHERE a.article_id IS NOT NULL)
    )[1:3] AS evidence
FROM experts e
LEFT JOIN article_experts ae USING (expert_id)
LEFT JOIN articles a USING (article_id)
WHERE NOT e.confirmed
GROUP BY e.slug, e.name
ORDER BY appearances DESC, e.name
