-- The edit history, newest first, each filter NULL for any: $who, $record_kind, $field, $since
-- and $until (days, both included), $text (in the record, the values or the reason).
-- Grain: one row per edit (undos included). label: the appearance's title or the record's name
-- as the store holds it now (NULL when it is gone).
SELECT
    e.edit_id,
    e.who,
    e.made_at,
    e.record_kind,
    e.record_key,
    coalesce(a.title, o.name, x.name, t.name) AS label,
    e.field,
    e.before,
    e.after,
    e.why,
    e.undone_by
FROM edits e
LEFT JOIN articles a ON e.record_kind = 'appearance' AND a.dedupe_key = e.record_key
LEFT JOIN outlets o ON e.record_kind = 'outlet' AND o.slug = e.record_key
LEFT JOIN experts x ON e.record_kind = 'expert' AND x.slug = e.record_key
LEFT JOIN tags t ON e.record_kind = 'topic' AND t.slug = e.record_key
WHERE ($who IS NULL OR e.who = $who)
    AND ($record_kind IS NULL OR e.record_kind = $record_kind)
    AND ($field IS NULL OR e.field = $field)
    AND ($since IS NULL OR CAST(e.made_at AS DATE) >= $since)
    AND ($until IS NULL OR CAST(e.made_at AS DATE) <= $until)
    AND (
        $text IS NULL
        OR contains(lower(concat_ws(' ', e.record_key, e.before, e.after, e.why, a.title)),
                    lower($text))
    )
ORDER BY e.edit_id DESC
