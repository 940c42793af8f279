-- Version 7: editors' corrections (data/curation.py). An edit is a record of its own, applied
-- over what the sources say: every write applies the edits still in force again
-- (data/curation_replay.py), so a re-import, a removal of another import or the reference
-- list's next load never undoes one. Values are JSON text.

-- Grain: one row per change an editor made (and one per undo: field 'undo', record_kind 'edit',
-- record_key the id of the edit it undid, which names it back in undone_by).
CREATE TABLE edits (
    edit_id     INTEGER PRIMARY KEY,
    who         VARCHAR NOT NULL,
    made_at     TIMESTAMP NOT NULL,
    record_kind VARCHAR NOT NULL,  -- appearance | outlet | expert | topic | pair | edit
    record_key  VARCHAR NOT NULL,  -- appearance: its dedupe key as first read; outlet, expert,
                                   -- topic: its slug; pair: two dedupe keys; edit: an edit_id
    field       VARCHAR NOT NULL,  -- title, outlet, published, ..., merged_into, profile, undo
    before      VARCHAR,           -- JSON: the value the edit replaced
    after       VARCHAR,           -- JSON: the value it set
    why         VARCHAR,
    undone_by   INTEGER            -- the undo that took it back; NULL: in force
);

-- Grain: one row per record x field an edit or a merge has changed: the value the sources gave,
-- put back when no edit of it is left in force. article_id: the row an appearance's value was
-- read from; a new row with the same dedupe key (the import removed, then read again) is read
-- anew.
CREATE TABLE readings (
    record_kind VARCHAR NOT NULL,
    record_key  VARCHAR NOT NULL,
    field       VARCHAR NOT NULL,
    value       VARCHAR,
    article_id  INTEGER,
    PRIMARY KEY (record_kind, record_key, field)
);

-- An appearance left out of every count, and why (an edit sets both; NULL reason: counted).
ALTER TABLE articles ADD COLUMN excluded BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE articles ADD COLUMN exclusion_reason VARCHAR;
-- Why the parser was unsure of this reading (Article.uncertain); NULL: sure.
ALTER TABLE articles ADD COLUMN uncertain VARCHAR;
-- The spreadsheet row the appearance was read from (1 = header); NULL for a page.
ALTER TABLE articles ADD COLUMN source_row INTEGER;
