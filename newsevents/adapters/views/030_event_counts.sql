-- daily_dyad_counts: one row per day, source/target pair and QuadClass.
CREATE OR REPLACE VIEW daily_dyad_counts AS
SELECT
    event_date,
    source_actor_id,
    any_value(source_name) AS source_name,
    target_actor_id,
    any_value(target_name) AS target_name,
    quad_class,
    count(*)               AS events,
    avg(goldstein)         AS mean_goldstein
FROM events_enriched
GROUP BY event_date, source_actor_id, target_actor_id, quad_class;

-- events_deduplicated: one row per real-world event (cross-article event_key), with how many articles reported it.
CREATE OR REPLACE VIEW events_deduplicated AS
SELECT
    event_key,
    any_value(event_date)      AS event_date,
    any_value(date_precision)  AS date_precision,
    any_value(event_code)      AS event_code,
    any_value(plover_type)     AS plover_type,
    any_value(quad_class)      AS quad_class,
    any_value(goldstein)       AS goldstein,
    any_value(source_actor_id) AS source_actor_id,
    any_value(source_name)     AS source_name,
    any_value(target_actor_id) AS target_actor_id,
    any_value(target_name)     AS target_name,
    count(DISTINCT article_id) AS reporting_articles,
    min(event_id)              AS first_event_id
FROM events_enriched
GROUP BY event_key;

-- actor_cooccurrence: one row per pair of actors mentioned in the same article.
CREATE OR REPLACE VIEW actor_cooccurrence AS
WITH pairs AS (
    SELECT DISTINCT m1.article_id, m1.actor_id AS actor_a, m2.actor_id AS actor_b
    FROM actor_mentions m1
    JOIN actor_mentions m2 ON m1.article_id = m2.article_id AND m1.actor_id < m2.actor_id
)
SELECT
    p.actor_a, a.name AS actor_a_name,
    p.actor_b, b.name AS actor_b_name,
    count(*) AS articles
FROM pairs p
JOIN actors a ON a.actor_id = p.actor_a
JOIN actors b ON b.actor_id = p.actor_b
GROUP BY p.actor_a, a.name, p.actor_b, b.name;
