-- daily_country_counts: one row per day, country where the events happened and QuadClass (events without a
-- location are counted under a null country).
CREATE OR REPLACE VIEW daily_country_counts AS
SELECT
    event_date,
    location_country_code,
    quad_class,
    count(*)                                            AS events,
    count(*) FILTER (WHERE location_precision = 'place') AS events_at_a_place,
    avg(goldstein)                                      AS mean_goldstein
FROM events_enriched
GROUP BY event_date, location_country_code, quad_class;
