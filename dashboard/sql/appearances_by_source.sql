-- Where the appearances in the store came from: input format and file.
-- Grain: one row per source format x source file.
SELECT
    coalesce(source_format, 'unknown') AS source_format,
    coalesce(source_file, '') AS source_file,
    count(*) AS appearances,
    count(*) FILTER (WHERE published IS NULL) AS undated
FROM articles
WHERE kind = 'appearance'
GROUP BY ALL
ORDER BY appearances DESC
