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
  SELECT s.person_id, s.at, s._line, s.place_country AS country,
         upper(p.claimed_country) AS claimed
  FROM signins_located s
  JOIN people p ON p.person_id = s.person_id
  WHERE coalesce(s.result, 'success') = 'success'
    AND NOT s.ip_masked
    AND p.claimed_country IS NOT NULL
    AND s.place_country IS NOT NULL
),
pp AS (
  SELECT person_id, claimed, count(*) AS located,
         count(*) FILTER (WHERE country <> claimed) AS elsewhere
  FROM s GROUP BY person_id, claimed
  HAVING count(*) >= 10 AND count(*) FILTER (WHERE country <> claimed) * 2 >= count(*)
),
details AS (
  SELECT s.person_id, array_sort(array_agg(DISTINCT s.country)) AS countries,
         array_agg(rf_ref('signins', s._line) ORDER BY s.at) AS refs
  FROM s JOIN pp ON pp.person_id = s.person_id
  WHERE s.country <> s.claimed
  GROUP BY s.person_id
)
SELECT pp.person_id,
       concat(CAST(pp.elsewhere AS VARCHAR), ' of ', CAST(pp.located AS VARCHAR),
              ' located sign-ins come from ', array_to_string(d.countries, ', '),
              ', not the claimed ', pp.claimed) AS detail,
       array_slice(d.refs, 1, 10) AS refs
FROM pp JOIN details d ON d.person_id = pp.person_id
