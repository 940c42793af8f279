-- Grain: one row: the roster's entry of the expert $expert (a slug); none for an unknown slug.
SELECT slug, name, role, programme
FROM experts
WHERE slug = $expert
