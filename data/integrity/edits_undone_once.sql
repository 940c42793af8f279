-- Every undone edit names in undone_by an undo (field 'undo') naming it back, and every undo
-- names one edit that exists, is not an undo and was undone by it: an edit is undone once.
-- Offending rows: one per edit or undo that breaks this.
SELECT e.edit_id, e.field, e.record_key, e.undone_by
FROM edits e
LEFT JOIN edits u ON u.edit_id = e.undone_by
WHERE (
        e.undone_by IS NOT NULL
        AND (u.edit_id IS NULL OR u.field <> 'undo' OR u.record_key <> CAST(e.edit_id AS VARCHAR))
    )
    OR (
        e.field = 'undo'
        AND (
            e.record_kind <> 'edit'
            OR e.undone_by IS NOT NULL
            OR NOT EXISTS (
                SELECT 1 FROM edits x
                WHERE CAST(x.edit_id AS VARCHAR) = e.record_key
                    AND x.undone_by = e.edit_id AND x.field <> 'undo'
            )
        )
    )
ORDER BY e.edit_id
