-- id: NET_VPN_ASTRILL
-- title: Signs in through VPNs, proxies or servers far more than colleagues do
-- category: network
-- weight: 15
-- sources: MANDIANT-2024, SECUREWORKS-2024, MSFT-2025, ADV-2022
-- description: Many of the person's successful sign-ins (five or more, and at least three in
--   ten) come through a VPN, proxy or hosting network (Astrill's exits sit in hosting
--   networks such as those in Mandiant's UNC5267 indicators), while fewer than one in five
--   of their colleagues signs in that way even one time in ten; any sign-in through
--   Tor counts. Where a whole organisation routes through a cloud proxy, nobody stands out.
--   The networks come from the sign-in log's own fields, then the IP data the user installed
--   or supplied (`redflag intel install`, `--mmdb`), then redflag's table of hosting providers;
--   the evidence names the network and the source of its class.
WITH s AS (
  SELECT s.person_id, p.org, s.at, s._line,
         coalesce(i.class, 'unknown') AS class, i.class_source, i.provider, i.asn, i.as_org,
         coalesce(i.datacenter, false) AS masked
  FROM signins s
  JOIN people p ON p.person_id = s.person_id
  LEFT JOIN signin_ips i ON i.ip = s.ip
  WHERE coalesce(s.result, 'success') = 'success'
),
per_person AS (
  SELECT person_id, org, count(*) AS total,
         count(*) FILTER (WHERE masked) AS masked,
         count(*) FILTER (WHERE class = 'tor') AS tor,
         array_agg(DISTINCT concat(class, ' (', coalesce(provider, as_org, 'unnamed network'),
                                   CASE WHEN asn IS NOT NULL THEN concat(', AS', CAST(asn AS VARCHAR)) ELSE '' END,
                                   '; class from ', class_source, ')'))
           FILTER (WHERE masked) AS networks,
         array_agg(rf_ref('signins', _line) ORDER BY at) FILTER (WHERE masked) AS refs
  FROM s GROUP BY person_id, org
),
org_normal AS (
  SELECT org, count(*) AS people,
         count(*) FILTER (WHERE masked * 10 >= total AND masked > 0) AS maskers
  FROM per_person GROUP BY org
)
SELECT pp.person_id,
       concat(CAST(pp.masked AS VARCHAR), ' of ', CAST(pp.total AS VARCHAR),
              ' sign-ins through ', array_to_string(array_slice(pp.networks, 1, 4), '; '),
              CASE WHEN array_length(pp.networks) > 4 THEN '; …' ELSE '' END,
              CASE WHEN o.people >= 5
                   THEN concat('. In their organisation ', CAST(o.maskers - 1 AS VARCHAR), ' of ',
                               CAST(o.people - 1 AS VARCHAR), ' others sign in that way as often')
                   ELSE '' END) AS detail,
       array_slice(pp.refs, 1, 10) AS refs,
       CASE WHEN pp.tor > 0 THEN 20 ELSE 15 END AS weight
FROM per_person pp
LEFT JOIN org_normal o ON o.org IS NOT DISTINCT FROM pp.org
WHERE pp.tor > 0
   OR (pp.masked >= 5 AND pp.masked * 10 >= pp.total * 3 AND (o.maskers - 1) * 5 < o.people - 1)
