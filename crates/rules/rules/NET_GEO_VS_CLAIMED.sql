-- id: NET_GEO_VS_CLAIMED
-- title: Signs in mostly from a country other than the one claimed
-- category: network
-- weight: 15
-- sources: ADV-2022, GIR-2025, SEAL
-- description: At least half of the person's successful sign-ins (ten or more with a known
--   country) come from countries other than the one they say they live and work in, leaving
--   out sign-ins through VPNs, proxies and servers (their country says nothing about the
--   person; NET_VPN_ASTRILL weighs those), and the sign-ins from elsewhere spread over more
--   than two weeks. A trip abroad is a small share of a working quarter, and it is short:
--   where an organisation routes every sign-in at home through a cloud proxy, a trip's
--   sign-ins may be the only located ones, so their share alone would flag a traveller.
--   Workers who claim one country and connect from another through their own lines do so for
--   months. The country is the sign-in log's own, else the IP data's. This compares places,
--   never nationality.
-- Counted per person and country first, so the people join and the comparison with the
-- claimed country touch a few rows per person, not every sign-in.
WITH per_country AS (
  SELECT person_id, place_country AS country, count(*) AS n, min(at) AS first_at, max(at) AS last_at
  FROM signins_located
  WHERE person_id IS NOT NULL AND coalesce(result, 'success') = 'success'
    AND NOT ip_masked AND place_country IS NOT NULL
  GROUP BY person_id, place_country
),
claims AS (
  SELECT c.person_id, c.country, c.n, c.first_at, c.last_at, upper(p.claimed_country) AS claimed
  FROM per_country c
  JOIN people p ON p.person_id = c.person_id
  WHERE p.claimed_country IS NOT NULL
),
per_claim AS (
  SELECT person_id, claimed, sum(n) AS located,
         sum(n) FILTER (WHERE country <> claimed) AS elsewhere,
         array_sort(array_agg(country) FILTER (WHERE country <> claimed)) AS countries,
         max(last_at) FILTER (WHERE country <> claimed)
           - min(first_at) FILTER (WHERE country <> claimed) AS spread
  FROM claims GROUP BY person_id, claimed
),
-- What the detail says is worked out here, so that the last step reads `pp` once (DataFusion
-- computes a WITH table again wherever it is used, and the per-country counts read every
-- sign-in).
pp AS (
  SELECT person_id, claimed, located, elsewhere, array_to_string(countries, ', ') AS countries,
         CAST(floor(date_part('epoch', spread) / 86400) AS BIGINT) AS days
  FROM per_claim
  -- Two weeks, in hours: DataFusion compares a difference of timestamps with an interval
  -- of hours, but finds none greater than an interval written in days.
  WHERE located >= 10 AND elsewhere * 2 >= located AND spread > INTERVAL '336 hours'
),
details AS (
  SELECT s.person_id, pp.claimed, pp.located, pp.elsewhere, pp.countries, pp.days,
         array_agg(rf_ref('signins', s._line) ORDER BY s.at) AS refs
  FROM signins_located s JOIN pp ON pp.person_id = s.person_id
  WHERE coalesce(s.result, 'success') = 'success' AND NOT s.ip_masked
    AND s.place_country IS NOT NULL AND s.place_country <> pp.claimed
  GROUP BY s.person_id, pp.claimed, pp.located, pp.elsewhere, pp.countries, pp.days
)
SELECT person_id,
       concat(CAST(elsewhere AS VARCHAR), ' of ', CAST(located AS VARCHAR),
              ' located sign-ins come from ', countries,
              ', not the claimed ', claimed, ', over ', CAST(days AS VARCHAR), ' days') AS detail,
       array_slice(refs, 1, 10) AS refs
FROM details
