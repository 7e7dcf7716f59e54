-- id: NET_CONTINUOUS_LOGIN
-- title: Stays signed in for a day or more
-- category: network
-- weight: 10
-- sources: ADV-2022, ROK-2022
-- description: One sign-in session of the person (the identity provider's session id) carries
--   events spread over 24 hours or more. The 2022 advisory notes accounts "logged into
--   continuously for one or more days at a time": workers share shifts on one identity, or a
--   farm keeps the company laptop connected. Long sessions are allowed by some identity
--   providers' settings, so this corroborates; the evidence names the first and last event.
WITH sessions AS (
  SELECT person_id, session_id, min(at) AS first_at, max(at) AS last_at, count(*) AS events,
         first_value(_line ORDER BY at, _line) AS first_line,
         last_value(_line ORDER BY at, _line) AS last_line
  FROM signins
  WHERE person_id IS NOT NULL AND session_id IS NOT NULL
  GROUP BY person_id, session_id
  HAVING max(at) - min(at) >= INTERVAL '24 hours' AND count(*) >= 3
)
SELECT person_id,
       concat(CAST(count(*) AS VARCHAR), ' sign-in session', CASE WHEN count(*) > 1 THEN 's' ELSE '' END,
              ' lasting a day or more (longest ',
              CAST(CAST(max(date_part('epoch', last_at - first_at)) / 3600 AS BIGINT) AS VARCHAR),
              ' hours, ', CAST(max(events) AS VARCHAR), ' events)') AS detail,
       flatten(array_agg(make_array(rf_ref('signins', first_line), rf_ref('signins', last_line)))) AS refs,
       CASE WHEN count(*) >= 3 THEN 15 ELSE 10 END AS weight
FROM sessions
GROUP BY person_id
