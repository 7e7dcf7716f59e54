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
WITH long_sessions AS (
  SELECT person_id, session_id, min(at) AS first_at, max(at) AS last_at, count(*) AS events
  FROM signins
  WHERE person_id IS NOT NULL AND session_id IS NOT NULL
  GROUP BY person_id, session_id
  HAVING max(at) - min(at) >= INTERVAL '24 hours' AND count(*) >= 3
),
-- The first and last event's rows, looked up only for the few long sessions.
sessions AS (
  SELECT l.person_id, l.session_id, l.first_at, l.last_at, l.events,
         min(CASE WHEN s.at = l.first_at THEN s._line END) AS first_line,
         max(CASE WHEN s.at = l.last_at THEN s._line END) AS last_line
  FROM long_sessions l
  JOIN signins s ON s.person_id = l.person_id AND s.session_id = l.session_id
  GROUP BY l.person_id, l.session_id, l.first_at, l.last_at, l.events
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
