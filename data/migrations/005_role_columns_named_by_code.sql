-- Version 5: expert_months names its count of each role by the role's code (data/vocabulary.py
-- ROLES), so no layer turns a column name back into a role. data/rollups.py rebuilds the table
-- from its definition after a migration and in every write.
ALTER TABLE expert_months RENAME COLUMN op_ed TO "op-ed";
ALTER TABLE expert_months RENAME COLUMN on_air TO "on-air";
