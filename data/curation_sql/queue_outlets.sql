-- Outlets an import found that are not in the organisation's list (unconfirmed), with what
-- shows where each came from. Grain: one row per unconfirmed outlet, most appearances first.
-- evidence: up to three appearances as [source file, row, title].
SELECT
    o.slug,
    o.name,
    count(a.article_id) AS appearances,
    (
        list([a.source_file, CAST(a.source_row AS VARCHAR), a.title] ORDER BY a.article_id)
        FILTER (WHERE a.article_id IS NOT NULL)
    )[1:3] AS evidence
FROM outlets o
LEFT JOIN articles a USING (outlet_id)
WHERE NOT o.confirmed
GROUP BY o.slug, o.name
ORDER BY appearances DESC, o.name
