-- Every saved view has a name no other saved view has (case and spaces aside; not only spaces,
-- at most data.saved_views.NAME_CHARS characters), a page address of lower-case letters,
-- digits, '_' and '-' only, and a query string (at most data.saved_views.QUERY_CHARS
-- characters) with no '?', '#' or control character: its link is always to a page of the
-- dashboard itself. $name_chars and $query_chars are those bounds. Offending rows: one per saved view that breaks this.
SELECT view_id, name, page, query
FROM (
    SELECT *, count(*) OVER (PARTITION BY lower(trim(name))) AS same_name
    FROM saved_views
)
WHERE trim(name) = ''
   OR length(name) > $name_chars
   OR same_name > 1
   OR NOT regexp_full_match(page, '[a-z0-9_-]*')
   OR length(query) > $query_chars
   OR regexp_matches(query, '[?#\x00-\x1f\x7f]')
ORDER BY view_id
