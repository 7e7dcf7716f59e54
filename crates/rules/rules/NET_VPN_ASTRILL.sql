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
-- Counted per person first; the people join (for the organisation) then touches one row
-- per person, not every sign-in.
WITH counts AS (
  SELECT person_id, count(*) AS total,
         count(*) FILTER (WHERE ip_masked) AS masked,
         count(*) FILTER (WHERE ip_class = 'tor') AS tor
  FROM signins_located
  WHERE person_id IS NOT NULL AND coalesce(result, 'success') = 'success'
  GROUP BY person_id
),
per_person AS (
  SELECT c.person_id, p.org, c.total, c.masked, c.tor
  FROM counts c JOIN people p ON p.person_id = c.person_id
),
org_normal AS (
  SELECT org, count(*) AS people,
         count(*) FILTER (WHERE masked * 10 >= total AND masked > 0) AS maskers
  FROM per_person GROUP BY org
),
flagged AS (
  SELECT pp.*, o.people, o.maskers
  FROM per_person pp
  LEFT JOIN org_normal o ON o.org IS NOT DISTINCT FROM pp.org
  WHERE pp.tor > 0
     OR (pp.masked >= 5 AND pp.masked * 10 >= pp.total * 3 AND (o.maskers - 1) * 5 < o.people - 1)
),
details AS (
  SELECT s.person_id,
         array_sort(array_agg(DISTINCT concat(i.class, ' (', coalesce(i.provider, i.as_org, 'unnamed network'),
                                   CASE WHEN i.asn IS NOT NULL THEN concat(', AS', CAST(i.asn AS VARCHAR)) ELSE '' END,
                                   '; class from ', i.class_source, ')'))) AS networks,
         array_agg(rf_ref('signins', s._line) ORDER BY s.at) AS refs
  FROM signins_located s
  JOIN flagged f ON f.person_id = s.person_id
  JOIN signin_ips i ON i.ip = s.ip
  WHERE s.ip_masked AND coalesce(s.result, 'success') = 'success'
  GROUP BY s.person_id
)
SELECT f.person_id,
       concat(CAST(f.masked AS VARCHAR), ' of ', CAST(f.total AS VARCHAR),
              ' sign-ins through ', array_to_string(array_slice(d.networks, 1, 4), '; '),
              CASE WHEN array_length(d.networks) > 4 THEN '; …' ELSE '' END,
              CASE WHEN f.people >= 5
                   THEN concat('. In their organisation ', CAST(f.maskers - 1 AS VARCHAR), ' of ',
                               CAST(f.people - 1 AS VARCHAR), ' others sign in that way as often')
                   ELSE '' END) AS detail,
       array_slice(d.refs, 1, 10) AS refs,
       CASE WHEN f.tor > 0 THEN 20 ELSE 15 END AS weight
FROM flagged f
JOIN details d ON d.person_id = f.person_id
