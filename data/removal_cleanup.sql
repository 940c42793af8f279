-- After an import's rows are gone: remove what nothing uses any more, that is topics, and the
-- outlets and experts an import added unconfirmed (with their aliases). The reference lists'
-- rows stay. Run by data/removal.py statement by statement, inside the removal's transaction.

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
