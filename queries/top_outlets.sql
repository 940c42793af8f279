-- Outlets ranked by appearances in the filtered view.
-- Grain: one row per outlet with at least one matching appearance, the top $limit (NULL: all).
-- share = the outlet's appearances / all matching appearances (a ratio of sums); experts = how
-- many distinct experts appeared there; tier = the outlet's tier as a link holds it ('1'-'3',
-- NULL: not ranked); potential_reach = the largest reach its matched appearances give, else
-- the outlet's own audience figure (NULL: none), never an advertising value; total_outlets =
-- how many outlets the full ranking has.
WITH matched AS (
    SELECT a.article_id, a.outlet_id, a.published, a.language, a.kind, a.reach
    FROM {{ articles }} a
),
per_outlet AS (
    SELECT outlet_id, count(*) AS appearances,
           min(published) AS first_date, max(published) AS last_date, max(reach) AS reach
    FROM matched
    GROUP BY outlet_id
),
ranked AS (
    SELECT p.*, o.slug, o.name, o.media_type, o.country, o.language, o.tier, o.audience,
           sum(p.appearances) OVER () AS all_appearances,
           count(*) OVER () AS total_outlets
    FROM per_outlet p JOIN outlets o USING (outlet_id)
    ORDER BY p.appearances DESC, o.slug
    LIMIT $limit
),

---------- distinct experts per outlet, for the outlets shown only (from the rollup expert_months)
outlet_experts AS (
    SELECT r.outlet_id, r.expert_id
    FROM {{ expert_months(matched) }} r
    WHERE r.expert_id IS NOT NULL AND r.outlet_id IN (SELECT outlet_id FROM ranked)
    GROUP BY ALL
),
experts_reached AS (
    SELECT outlet_id, count(*) AS experts FROM outlet_experts GROUP BY outlet_id
)

SELECT
    r.outlet_id, r.slug, r.name AS outlet, r.media_type, r.country, r.language,
    CAST(r.tier AS VARCHAR) AS tier,
    r.appearances, r.appearances / r.all_appearances AS share,
    coalesce(x.experts, 0) AS experts,
    r.first_date, r.last_date, coalesce(r.reach, r.audience) AS potential_reach, r.total_outlets
FROM ranked r
LEFT JOIN experts_reached x USING (outlet_id)
ORDER BY r.appearances DESC, r.slug
