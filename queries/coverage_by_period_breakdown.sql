-- Appearances per period and series: the top $top_n values of a breakdown (a dimension of
-- queries/dimensions.py: outlet, expert, programme, tag, media_type, tier, country, language),
-- every other value folded into one "Other" series.
-- Grain: one row per period x series, with a zero where a series had none in a period.
-- An appearance with two experts (or tags, or programmes) counts once for each of them (two
-- experts of one programme: once for it), so `share` is a series' appearances over the sum of
-- every series in that period (a ratio of sums; NULL in an empty period). series_id is the slug
-- or code to filter on; '__none__' (no value) and '__other__' (the folded rest) are not slugs.
-- Undated appearances are never on a timeline.
WITH matched AS (
    SELECT a.article_id, a.outlet_id, a.published, a.language, a.kind,
           CAST(date_trunc($grain, a.published) AS DATE) AS period
    FROM {{ articles }} a
    WHERE a.published IS NOT NULL
),

---------- appearances per period and value id, then labelled (only the chosen branch has rows)
-- a dimension of the outlets: counted by outlet, valued after; one of the appearances: by value
by_outlet AS (
    SELECT period, outlet_id, count(*) AS appearances
    FROM matched
    WHERE {{ breakdown.on }} = 'outlets'
    GROUP BY ALL
),
by_appearance AS (
    SELECT a.period, {{ breakdown.appearance_value }} AS value, count(*) AS appearances
    FROM matched a
    WHERE {{ breakdown.on }} = 'articles'
    GROUP BY ALL
),
-- experts and tags by month or longer from the monthly rollups (data/rollups/), by day or week
-- from the appearances themselves
by_expert AS (
    SELECT CAST(date_trunc($grain, r.month) AS DATE) AS period, r.expert_id,
           sum(r.appearances) AS appearances
    FROM {{ expert_months(matched) }} r
    WHERE $breakdown = 'expert' AND $grain IN ('month', 'quarter', 'year') AND r.month IS NOT NULL
    GROUP BY ALL
    UNION ALL
    SELECT m.period, ae.expert_id, count(*) AS appearances
    FROM matched m
    LEFT JOIN article_experts ae ON ae.article_id = m.article_id
    WHERE $breakdown = 'expert' AND $grain IN ('day', 'week')
    GROUP BY ALL
),
by_tag AS (
    SELECT CAST(date_trunc($grain, r.month) AS DATE) AS period, r.tag_id,
           sum(r.appearances) AS appearances
    FROM {{ tag_months(matched) }} r
    WHERE $breakdown = 'tag' AND $grain IN ('month', 'quarter', 'year') AND r.month IS NOT NULL
    GROUP BY ALL
    UNION ALL
    SELECT m.period, atag.tag_id, count(*) AS appearances
    FROM matched m
    LEFT JOIN article_tags atag ON atag.article_id = m.article_id
    WHERE $breakdown = 'tag' AND $grain IN ('day', 'week')
    GROUP BY ALL
),
-- programmes from the appearances (a rollup by expert would count an appearance twice when two
-- of its experts share a programme): once per appearance and programme; '__none__' for an
-- appearance none of whose experts has a programme
programme_links AS (
    SELECT DISTINCT m.article_id, m.period, e.programme_slug
    FROM matched m
    JOIN article_experts ae ON ae.article_id = m.article_id
    JOIN experts e USING (expert_id)
    WHERE $breakdown = 'programme' AND e.programme_slug IS NOT NULL
),
by_programme AS (
    SELECT period, programme_slug, count(*) AS appearances
    FROM programme_links
    GROUP BY ALL
    UNION ALL
    SELECT m.period, NULL, count(*) AS appearances
    FROM matched m ANTI JOIN programme_links p ON p.article_id = m.article_id
    WHERE $breakdown = 'programme'
    GROUP BY ALL
),
programme_names AS (
    SELECT programme_slug, min(programme) AS programme
    FROM experts
    WHERE $breakdown = 'programme' AND programme_slug IS NOT NULL
    GROUP BY ALL
),
per_value AS (
    SELECT a.period, {{ breakdown.outlet_value }} AS series_id,
           {{ breakdown.outlet_label }} AS series, a.appearances
    FROM by_outlet a JOIN outlets o USING (outlet_id)
    UNION ALL
    SELECT period, value, value, appearances
    FROM by_appearance
    UNION ALL
    SELECT c.period, e.slug, e.name, c.appearances
    FROM by_expert c LEFT JOIN experts e USING (expert_id)
    UNION ALL
    SELECT c.period, t.slug, t.name, c.appearances
    FROM by_tag c LEFT JOIN tags t USING (tag_id)
    UNION ALL
    SELECT c.period, c.programme_slug, n.programme, c.appearances
    FROM by_programme c LEFT JOIN programme_names n USING (programme_slug)
),
per_series AS (
    SELECT period, coalesce(series_id, '__none__') AS series_id,
           coalesce(series, 'Not set') AS series,
           CAST(sum(appearances) AS BIGINT) AS appearances
    FROM per_value
    GROUP BY ALL
),

---------- top N series over the whole range, the rest folded into "Other"
ranked AS (
    SELECT series_id, row_number() OVER (ORDER BY sum(appearances) DESC, series_id) AS rank
    FROM per_series
    GROUP BY series_id
),
folded AS (
    SELECT s.period,
           CASE WHEN r.rank <= $top_n THEN s.series_id ELSE '__other__' END AS series_id,
           CASE WHEN r.rank <= $top_n THEN s.series ELSE 'Other' END AS series,
           least(r.rank, $top_n + 1) AS rank,
           CAST(sum(s.appearances) AS BIGINT) AS appearances
    FROM per_series s JOIN ranked r USING (series_id)
    GROUP BY ALL
),

---------- the periods to show (queries/macros.sql), each with every series
cells AS (
    SELECT spine.period, s.series_id, s.series, s.rank
    FROM period_spine($grain, $date_from, $date_to,
                      (SELECT min(period) FROM matched), (SELECT max(period) FROM matched)) AS spine,
         (SELECT DISTINCT series_id, series, rank FROM folded) AS s
)

SELECT
    c.period, c.series_id, c.series,
    coalesce(f.appearances, 0) AS appearances,
    coalesce(f.appearances, 0)
        / nullif(sum(f.appearances) OVER (PARTITION BY c.period), 0) AS share
FROM cells c
LEFT JOIN folded f USING (period, series_id)
ORDER BY c.period, c.rank
