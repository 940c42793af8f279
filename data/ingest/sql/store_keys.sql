-- The dedupe keys among $keys that the store holds already. Only those rows are read, so the
-- check costs the same against a store of any size.
SELECT dedupe_key
FROM articles
WHERE dedupe_key IN (SELECT unnest($keys))
