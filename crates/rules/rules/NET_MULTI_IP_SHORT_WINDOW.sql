-- id: NET_MULTI_IP_SHORT_WINDOW
-- title: Signs in from different countries within the hour
-- category: network
-- weight: 15
-- sources: ADV-2022, PSA-2025
-- description: Successful sign-ins of one person come from different countries less than an
--   hour apart, at least twice, or from three or more countries in one UTC day: nobody
--   travels that fast, but a worker hopping between VPN exits and proxies does. The
--   advisories name "multiple logins into one account in a short period of time from various
--   IP addresses, often associated with different countries". A single jump (a border town, a
--   misplaced address) is not counted; a trip abroad changes the country once and stays.
--   The country is the sign-in log's own, else the IP data's.
-- `signin_moves` (an engine table) holds each change of country between a person's
-- consecutive located, successful sign-ins, in time order (ties by row), for people seen in
-- two or more countries only.
WITH jumps AS (
  SELECT person_id,
         count(*) AS n,
         array_agg(concat(prev_country, '→', country, ' in ',
                          CAST(CAST(date_part('epoch', at - prev_at) / 60 AS BIGINT) AS VARCHAR), ' min')
                   ORDER BY at, _line) AS what,
         array_agg(rf_ref('signins', prev_line) ORDER BY at, _line) AS refs_a,
         array_agg(rf_ref('signins', _line) ORDER BY at, _line) AS refs_b
  FROM signin_moves
  WHERE at - prev_at <= INTERVAL '60 minutes'
  GROUP BY person_id
),
-- The countries of one UTC day (by a cast: cheaper than truncating the timestamp) are those
-- moved to that day, plus the one moved from when its sign-in was that day too: a day
-- without a move has one country.
day_places AS (
  SELECT person_id, CAST(at AS DATE) AS day, country, at, _line FROM signin_moves
  UNION ALL
  SELECT person_id, CAST(at AS DATE) AS day, prev_country AS country, prev_at AS at, prev_line AS _line
  FROM signin_moves
  WHERE CAST(prev_at AS DATE) = CAST(at AS DATE)
),
busy_days AS (
  SELECT person_id, day, count(DISTINCT country) AS countries
  FROM day_places
  GROUP BY person_id, day
  HAVING count(DISTINCT country) >= 3
),
busy AS (
  SELECT b.person_id, count(DISTINCT b.day) AS n_days, max(b.countries) AS most,
         array_agg(rf_ref('signins', d._line) ORDER BY d.at, d._line) AS refs
  FROM busy_days b
  JOIN day_places d ON d.person_id = b.person_id AND d.day = b.day
  GROUP BY b.person_id
)
SELECT coalesce(j.person_id, b.person_id) AS person_id,
       concat_ws('; ',
         CASE WHEN j.n >= 2 THEN concat(CAST(j.n AS VARCHAR), ' changes of country within an hour (',
                                       array_to_string(array_slice(j.what, 1, 5), ', '),
                                       CASE WHEN j.n > 5 THEN ', …' ELSE '' END, ')') END,
         CASE WHEN b.n_days >= 1 THEN concat('up to ', CAST(b.most AS VARCHAR),
                                            ' countries in one UTC day, on ', CAST(b.n_days AS VARCHAR), ' days') END
       ) AS detail,
       array_slice(array_concat(coalesce(array_slice(j.refs_a, 1, 5), make_array()),
                                coalesce(array_slice(j.refs_b, 1, 5), make_array()),
                                coalesce(array_slice(b.refs, 1, 6), make_array())), 1, 16) AS refs,
       CASE WHEN j.n >= 2 AND b.n_days >= 1 THEN 20 ELSE 15 END AS weight
FROM (SELECT * FROM jumps WHERE n >= 2) j
FULL OUTER JOIN busy b ON b.person_id = j.person_id
