-- statements_enriched: one row per statement with the speaker's canonical name and codes.
CREATE OR REPLACE VIEW statements_enriched AS
SELECT
    st.statement_id,
    st.statement_date,
    st.speaker_actor_id,
    sp.name       AS speaker_name,
    sp.cameo_code AS speaker_cameo,
    st.speaker_text,
    st.is_direct,
    st.cue,
    st.quote_text,
    st.article_id,
    a.title       AS article_title,
    a.url         AS article_url
FROM statements st
LEFT JOIN actors sp ON sp.actor_id = st.speaker_actor_id
JOIN articles a ON a.article_id = st.article_id;

-- statements_by_speaker: one row per speaker: how often and how they were quoted.
CREATE OR REPLACE VIEW statements_by_speaker AS
SELECT
    speaker_actor_id,
    any_value(speaker_name)                    AS speaker_name,
    any_value(speaker_cameo)                   AS speaker_cameo,
    count(*)                                   AS statements,
    count(*) FILTER (WHERE is_direct)          AS direct_quotes,
    count(DISTINCT article_id)                 AS articles,
    min(statement_date)                        AS first_date,
    max(statement_date)                        AS last_date
FROM statements_enriched
WHERE speaker_actor_id IS NOT NULL
GROUP BY speaker_actor_id;
