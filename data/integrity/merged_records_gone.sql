-- No outlet, expert or topic merged into another (a merge in force) is in the store beside the
-- one kept, when that one is not itself merged away: the merge has moved it there.
-- Offending rows: one per merged record still stored.
WITH merges AS (
    SELECT record_kind, record_key AS gone, json_extract_string(after, '$') AS kept
    FROM edits
    WHERE field = 'merged_into' AND undone_by IS NULL
),

stored AS (
    SELECT 'outlet' AS record_kind, slug FROM outlets
    UNION ALL
    SELECT 'expert', slug FROM experts
    UNION ALL
    SELECT 'topic', slug FROM tags
)

SELECT m.record_kind, m.gone, m.kept
FROM merges m
SEMI JOIN stored g ON g.record_kind = m.record_kind AND g.slug = m.gone
SEMI JOIN stored k ON k.record_kind = m.record_kind AND k.slug = m.kept
ANTI JOIN merges again ON again.record_kind = m.record_kind AND again.gone = m.kept
ORDER BY m.record_kind, m.gone
