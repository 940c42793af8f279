-- The expert $gone merged into $kept: its spellings go to the one kept, so the next import
-- resolves them there; then it goes. Its appearances were read first, and their experts are set
-- again from those readings with $kept in its place (data/curation_replay.py, step 3).
DELETE FROM article_experts WHERE expert_id = $gone;
UPDATE expert_aliases SET expert_id = $kept WHERE expert_id = $gone;
DELETE FROM experts WHERE expert_id = $gone;
