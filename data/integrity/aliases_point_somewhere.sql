-- Every outlet alias and expert alias names an outlet or expert that exists.
-- Offending rows: one per alias pointing at nothing.
SELECT 'outlet' AS alias_of, alias_key, outlet_id AS id
FROM outlet_aliases
WHERE outlet_id NOT IN (SELECT outlet_id FROM outlets)
UNION ALL
SELECT 'expert', alias_key, expert_id
FROM expert_aliases
WHERE expert_id NOT IN (SELECT expert_id FROM experts)
ORDER BY alias_of, alias_key
