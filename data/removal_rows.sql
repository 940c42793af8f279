-- Remove one import's rows: its appearances (and the organisation's own events and videos it
-- brought) and their expert and topic links. $run_id is the import.
-- Run by data/removal.py statement by statement, inside the removal's transaction.

DELETE FROM article_tags
WHERE article_id IN (SELECT article_id FROM articles WHERE ingest_run_id = $run_id);

DELETE FROM article_experts
WHERE article_id IN (SELECT article_id FROM articles WHERE ingest_run_id = $run_id);

DELETE FROM articles WHERE ingest_run_id = $run_id;
