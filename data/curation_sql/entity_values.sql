-- What an editor can change of outlets, experts and topics, as stored now, as JSON text
-- (data/curation_replay.py ENTITY_FIELDS). Grain: one row per outlet, expert and topic.
SELECT 'outlet' AS record_kind, slug AS record_key, 'profile' AS field,
       to_json({media_type: media_type, country: country, language: language, tier: tier,
                confirmed: confirmed})::VARCHAR AS value
FROM outlets
UNION ALL
SELECT 'expert', slug, 'profile',
       to_json({role: role, programme: programme, confirmed: confirmed})::VARCHAR
FROM experts
UNION ALL
SELECT 'topic', slug, 'name', to_json(name)::VARCHAR
FROM tags
