-- Remove one import's rows: its appearances (and the organisation's own events and videos it
-- brought), their expert and topic links, then what nothing uses any more: topics, and the
-- outlets and experts an import added unconfirmed. The reference lists' rows stay.
-- Run by data/removal.py statement by statement (one transaction), with $run_id bound.

DELETE FROM article_tags
WHERE article_id IN (SELECT article_id FROM articles WHERE ingest_run_id = $run_id);

DELETE FROM article_experts
WHERE article_id IN (SELECT article_id FROM articles WHERE ingest_run_id = $run_id);

DELETE FROM articles WHERE ingest_run_id = $run_id;

DELETE FROM tags WHERE tag_id NOT IN (SELECT tag_id FROM article_tags);

DELETE FROM expert_aliases
WHERE expert_id IN (
    SELECT expert_id FROM experts
    WHERE NOT confirmed AND expert_id NOT IN (SELECT expert_id FROM article_experts)
);

DELETE FROM experts
WHERE NOT confirmed AND expert_id NOT IN (SELECT expert_id FROM article_experts);

DELETE FROM outlet_aliases
WHERE outlet_id IN (
    SELECT outlet_id FROM outlets
    WHERE NOT confirmed AND outlet_id NOT IN (SELECT outlet_id FROM articles)
);

DELETE FROM outlets
WHERE NOT confirmed AND outlet_id NOT IN (SELECT outlet_id FROM articles);
