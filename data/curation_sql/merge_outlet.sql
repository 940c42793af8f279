-- The outlet $gone merged into $kept: its appearances and spellings go to the one kept, so the
-- next import resolves its name there; then it goes. (Its appearances were read first.)
UPDATE articles SET outlet_id = $kept WHERE outlet_id = $gone;
UPDATE outlet_aliases SET outlet_id = $kept WHERE outlet_id = $gone;
DELETE FROM outlets WHERE outlet_id = $gone;
