-- Version 9: what editors and managers add to the views, beside the coverage itself.
-- Key dates (data/key_dates.py) are drawn on every timeline and in the report; saved views
-- (data/saved_views.py) are listed in the sidebar for everyone. Neither is counted anywhere.

-- Grain: one row per key date an editor added (a report launch, an election, a summit).
CREATE TABLE key_dates (
    key_date_id INTEGER PRIMARY KEY,
    day         DATE NOT NULL,
    label       VARCHAR NOT NULL,
    added_by    VARCHAR,           -- who added it: an address, or the role signed in with
    added_at    TIMESTAMP NOT NULL
);

-- Grain: one row per named view: a page of the dashboard and its link's query string (the
-- filters and the page's own choices), so opening it shows what its author saw.
CREATE TABLE saved_views (
    view_id  INTEGER PRIMARY KEY,
    name     VARCHAR NOT NULL,
    page     VARCHAR NOT NULL,     -- the page's address in the dashboard ('' = the Overview)
    query    VARCHAR NOT NULL,     -- the link's query string, without '?'
    saved_by VARCHAR,
    saved_at TIMESTAMP NOT NULL
);
