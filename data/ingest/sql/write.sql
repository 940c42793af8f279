-- One import's rows, written set-based: the same few statements whatever the number of rows or
-- names. Run by data/ingest/writing.py inside the import's transaction, over the tables it
-- registers from the plan:
--   batch_articles   one row per appearance to add, its outlet as named; its article_id is
--                    $first_article + position
--   batch_experts    one row per appearance x expert mention; ord: the mention's place
--   batch_tags       one row per appearance x topic; ord: the topic's place
--   batch_headlines  a stored byline-only appearance and the headline a copy of it brings
--   batch_rejects    one row per file or spreadsheet row refused
-- A name is known by its alias key, else by its slug. An unknown one is added, unconfirmed,
-- under its first spelling in the import, and that spelling becomes its alias.

INSERT INTO ingest_runs (run_id, started_at, origin, sources)
VALUES ($run_id, $started, $origin, $sources);

---------- outlets

CREATE TEMP TABLE new_outlets AS
SELECT $first_outlet + row_number() OVER (ORDER BY position) - 1 AS outlet_id, *
FROM (
    SELECT
        position, outlet_slug AS slug, outlet AS name, outlet_key AS alias_key, media_type,
        country, outlet_confirmed AS confirmed
    FROM batch_articles b
    WHERE NOT EXISTS (SELECT 1 FROM outlet_aliases x WHERE x.alias_key = b.outlet_key)
        AND NOT EXISTS (SELECT 1 FROM outlets o WHERE o.slug = b.outlet_slug)
    QUALIFY row_number() OVER (PARTITION BY outlet_slug ORDER BY position) = 1
);

INSERT INTO outlets (outlet_id, slug, name, media_type, country, confirmed)
SELECT outlet_id, slug, name, media_type, country, confirmed FROM new_outlets;

INSERT INTO outlet_aliases (alias_key, outlet_id)
SELECT alias_key, outlet_id FROM new_outlets;

DROP TABLE new_outlets;

---------- experts

CREATE TEMP TABLE new_experts AS
SELECT $first_expert + row_number() OVER (ORDER BY position, ord) - 1 AS expert_id, *
FROM (
    SELECT position, ord, slug, name, alias_key
    FROM batch_experts m
    WHERE NOT EXISTS (SELECT 1 FROM expert_aliases x WHERE x.alias_key = m.alias_key)
        AND NOT EXISTS (SELECT 1 FROM experts e WHERE e.slug = m.slug)
    QUALIFY row_number() OVER (PARTITION BY slug ORDER BY position, ord) = 1
);

INSERT INTO experts (expert_id, slug, name, confirmed)
SELECT expert_id, slug, name, false FROM new_experts;

INSERT INTO expert_aliases (alias_key, expert_id)
SELECT alias_key, expert_id FROM new_experts;

DROP TABLE new_experts;

---------- topics

INSERT INTO tags (tag_id, slug, name)
SELECT $first_tag + row_number() OVER (ORDER BY position, ord) - 1, slug, name
FROM (
    SELECT position, ord, slug, name
    FROM batch_tags t
    WHERE NOT EXISTS (SELECT 1 FROM tags s WHERE s.slug = t.slug)
    QUALIFY row_number() OVER (PARTITION BY slug ORDER BY position, ord) = 1
);

---------- appearances and their links

INSERT INTO articles (
    article_id, title, outlet_id, published, language, url, summary, kind, source_file,
    source_format, ingest_run_id, dedupe_key, reach, uncertain, source_row
)
SELECT
    $first_article + b.position, b.title, coalesce(x.outlet_id, o.outlet_id), b.published,
    b.language, b.url, b.summary, b.kind, b.source_file, b.source_format, $run_id, b.dedupe_key,
    b.reach, b.uncertain, b.source_row
FROM batch_articles b
LEFT JOIN outlet_aliases x ON x.alias_key = b.outlet_key
LEFT JOIN outlets o ON o.slug = b.outlet_slug
ORDER BY b.position;

-- An expert named twice in one appearance (two spellings) is one link; the first mention's
-- role wins.
INSERT INTO article_experts (article_id, expert_id, role)
SELECT
    $first_article + m.position AS article_id, coalesce(x.expert_id, e.expert_id) AS expert_id,
    arg_min(m.role, m.ord)
FROM batch_experts m
LEFT JOIN expert_aliases x ON x.alias_key = m.alias_key
LEFT JOIN experts e ON e.slug = m.slug
GROUP BY ALL;

INSERT INTO article_tags (article_id, tag_id)
SELECT DISTINCT $first_article + t.position, s.tag_id
FROM batch_tags t
JOIN tags s USING (slug);

---------- headlines

-- A stored byline-only appearance takes the headline (and link) of a copy read now, once: the
-- first copy for each stored row, and never a key another row holds. Its edits and readings
-- (data/curation.py) follow it to its new key.
CREATE TEMP TABLE gained_headlines AS
SELECT *
FROM (
    SELECT *
    FROM batch_headlines h
    WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.dedupe_key = h.dedupe_key)
        AND EXISTS (
            SELECT 1 FROM articles a WHERE a.dedupe_key = h.stored_key AND a.title IS NULL
        )
    QUALIFY row_number() OVER (PARTITION BY stored_key ORDER BY ord) = 1
)
QUALIFY row_number() OVER (PARTITION BY dedupe_key ORDER BY ord) = 1;

UPDATE articles
SET title = h.title, url = coalesce(articles.url, h.url), dedupe_key = h.dedupe_key
FROM gained_headlines h
WHERE articles.dedupe_key = h.stored_key;

UPDATE edits
SET record_key = h.dedupe_key
FROM gained_headlines h
WHERE edits.record_kind = 'appearance' AND edits.record_key = h.stored_key;

UPDATE readings
SET record_key = h.dedupe_key
FROM gained_headlines h
WHERE readings.record_kind = 'appearance' AND readings.record_key = h.stored_key;

DROP TABLE gained_headlines;

---------- what was refused

INSERT INTO ingest_rejects (run_id, source_file, row_number, reason)
SELECT $run_id, source_file, row_number, reason
FROM batch_rejects
ORDER BY ord;
