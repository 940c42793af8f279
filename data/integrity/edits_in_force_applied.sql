-- Every appearance in the store holds the latest edit in force of its title, date, link, kind,
-- language and exclusion (data/curation_replay.py applies them again in every write).
-- Offending rows: one per appearance and field holding another value.
WITH latest AS (
    SELECT record_key, field, arg_max(after, edit_id) AS after
    FROM edits
    WHERE record_kind = 'appearance' AND undone_by IS NULL
        AND field IN ('title', 'published', 'url', 'kind', 'language', 'excluded')
    GROUP BY ALL
),

wanted AS (
    SELECT record_key, field, json_extract_string(after, '$') AS value FROM latest
)

SELECT a.article_id, w.field, w.value
FROM wanted w
JOIN articles a ON a.dedupe_key = w.record_key
WHERE CASE w.field
    WHEN 'title' THEN a.title IS DISTINCT FROM w.value
    WHEN 'published' THEN a.published IS DISTINCT FROM CAST(w.value AS DATE)
    WHEN 'url' THEN a.url IS DISTINCT FROM w.value
    WHEN 'kind' THEN a.kind IS DISTINCT FROM w.value
    WHEN 'language' THEN a.language IS DISTINCT FROM w.value
    WHEN 'excluded' THEN a.exclusion_reason IS DISTINCT FROM w.value
END
ORDER BY a.article_id, w.field
