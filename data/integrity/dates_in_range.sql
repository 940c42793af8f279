-- No article is dated in the future or before data.model.EARLIEST_DATE (undated is allowed).
-- $today and $earliest are those two days. Offending rows: one per article dated outside them.
SELECT article_id, published
FROM articles
WHERE published > $today OR published < $earliest
ORDER BY article_id
