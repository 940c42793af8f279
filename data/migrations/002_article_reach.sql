-- Version 2: clipping spreadsheets carry a reach / audience figure per appearance.
ALTER TABLE articles ADD COLUMN reach BIGINT;
