-- The topic $gone merged into $kept: it goes, and its appearances' topics are set again from
-- their readings with $kept in its place (data/curation_replay.py, step 3). $kept is unused
-- here: a topic has no spellings to move.
DELETE FROM article_tags WHERE tag_id = $gone;
DELETE FROM tags WHERE tag_id = $gone AND $kept IS NOT NULL;
