-- The outlet and expert spellings the store knows (the reference and past imports), as
-- alias key -> name. Read once per import plan by data/ingest/stored.py.
SELECT 'outlet' AS kind, alias_key, name
FROM outlet_aliases JOIN outlets USING (outlet_id)
UNION ALL
SELECT 'expert' AS kind, alias_key, name
FROM expert_aliases JOIN experts USING (expert_id)
