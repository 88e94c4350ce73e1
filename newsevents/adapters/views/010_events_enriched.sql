-- events_enriched: one row per event, with source/target names and codes, where it happened and the article it came
-- from.
CREATE OR REPLACE VIEW events_enriched AS
SELECT
    e.event_id,
    e.event_date,
    e.date_precision,
    e.event_code,
    e.event_root_code,
    e.quad_class,
    e.goldstein,
    e.plover_type,
    e.source_actor_id,
    s.name        AS source_name,
    s.actor_type  AS source_type,
    s.country_code AS source_country,
    s.cameo_code  AS source_cameo,
    e.target_actor_id,
    t.name        AS target_name,
    t.actor_type  AS target_type,
    t.country_code AS target_country,
    t.cameo_code  AS target_cameo,
    e.trigger_text,
    substr(a.text, e.start_char + 1, e.end_char - e.start_char) AS evidence_text,
    e.is_alleged,
    e.confidence,
    e.event_key,
    e.article_id,
    a.title       AS article_title,
    a.url         AS article_url,
    a.published_at,
    -- where it happened (issue 17): the toponym, its GeoNames place, precision and the rule that chose it
    e.location_mention_id,
    l.text        AS location_text,
    l.name        AS location_name,
    l.geonames_id AS location_geonames_id,
    e.location_country_code,
    e.latitude,
    e.longitude,
    e.location_precision,
    e.location_method
FROM events e
JOIN actors s ON s.actor_id = e.source_actor_id
LEFT JOIN actors t ON t.actor_id = e.target_actor_id
JOIN articles a ON a.article_id = e.article_id
LEFT JOIN location_mentions l ON l.location_mention_id = e.location_mention_id;
