-- Version 3: monthly rollups of appearances by expert and by topic (data/rollups.py).
-- Rebuilt from their definitions in data/rollups/ by every write, in the same transaction;
-- month NULL holds the undated appearances, expert_id / tag_id NULL those with none.

-- Grain: one row per month x outlet x language x kind x expert, with the count by role.
CREATE TABLE expert_months (
    month       DATE,
    outlet_id   INTEGER NOT NULL,
    language    VARCHAR,
    kind        VARCHAR NOT NULL,
    expert_id   INTEGER,
    appearances BIGINT NOT NULL,
    quoted      BIGINT NOT NULL,
    interview   BIGINT NOT NULL,
    op_ed       BIGINT NOT NULL,
    on_air      BIGINT NOT NULL,
    mentioned   BIGINT NOT NULL
);

-- Grain: one row per month x outlet x language x kind x tag.
CREATE TABLE tag_months (
    month       DATE,
    outlet_id   INTEGER NOT NULL,
    language    VARCHAR,
    kind        VARCHAR NOT NULL,
    tag_id      INTEGER,
    appearances BIGINT NOT NULL
);

-- Grain: one row per month x language x kind x tag x expert (no outlet: a table that kept one
-- would be nearly as long as the links themselves).
CREATE TABLE tag_expert_months (
    month       DATE,
    language    VARCHAR,
    kind        VARCHAR NOT NULL,
    tag_id      INTEGER NOT NULL,
    expert_id   INTEGER NOT NULL,
    appearances BIGINT NOT NULL
);
