-- id: NET_GEO_VS_CLAIMED
-- title: Signs in mostly from a country other than the one claimed
-- category: network
-- weight: 15
-- sources: ADV-2022, GIR-2025, SEAL
-- description: At least half of the person's successful sign-ins (ten or more with a known
--   country) come from countries other than the one they say they live and work in, leaving
--   out sign-ins through VPNs, proxies and servers (their country says nothing about the
--   person; NET_VPN_ASTRILL weighs those). A trip abroad is a small share of a working
--   quarter; workers who claim one country and connect from another through their own lines
--   are not. The country is the sign-in log's own, else the IP data's. This compares places,
--   never nationality.
WITH s AS (
  SELECT s.person_id, s.at, s._line,
         upper(coalesce(s.country, i.country)) AS country,
         coalesce(i.datacenter, false) AS masked
  FROM signins s
  LEFT JOIN signin_ips i ON i.ip = s.ip
  WHERE s.person_id IS NOT NULL AND coalesce(s.result, 'success') = 'success'
),
pp AS (
  SELECT s.person_id, upper(p.claimed_country) AS claimed, count(*) AS located,
         count(*) FILTER (WHERE s.country <> upper(p.claimed_country)) AS elsewhere,
         array_agg(DISTINCT s.country) FILTER (WHERE s.country <> upper(p.claimed_country)) AS countries,
         array_agg(rf_ref('signins', s._line) ORDER BY s.at)
           FILTER (WHERE s.country <> upper(p.claimed_country)) AS refs
  FROM s JOIN people p ON p.person_id = s.person_id
  WHERE NOT s.masked AND s.country IS NOT NULL AND p.claimed_country IS NOT NULL
  GROUP BY s.person_id, p.claimed_country
)
SELECT person_id,
       concat(CAST(elsewhere AS VARCHAR), ' of ', CAST(located AS VARCHAR),
              ' located sign-ins come from ', array_to_string(countries, ', '),
              ', not the claimed ', claimed) AS detail,
       array_slice(refs, 1, 10) AS refs
FROM pp
WHERE located >= 10 AND elsewhere * 2 >= located
