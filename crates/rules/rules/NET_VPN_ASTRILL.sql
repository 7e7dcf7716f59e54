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
-- per person, not every sign-in. Each step is used once: DataFusion computes a WITH table
-- again wherever it is used, and the per-person counts read every sign-in.
WITH counts AS (
  SELECT person_id, count(*) AS total,
         count(*) FILTER (WHERE ip_masked) AS masked,
         count(*) FILTER (WHERE ip_class = 'tor') AS tor
  FROM signins_located
  WHERE person_id IS NOT NULL AND coalesce(result, 'success') = 'success'
  GROUP BY person_id
),
-- Each person with their organisation's head count and how many of them sign in through
-- such networks at least one time in ten.
per_person AS (
  SELECT c.person_id, c.total, c.masked, c.tor,
         count(*) OVER (PARTITION BY p.org) AS people,
         sum(CASE WHEN c.masked * 10 >= c.total AND c.masked > 0 THEN 1 ELSE 0 END)
           OVER (PARTITION BY p.org) AS maskers
  FROM counts c JOIN people p ON p.person_id = c.person_id
),
flagged AS (
  SELECT * FROM per_person
  WHERE tor > 0
     OR (masked >= 5 AND masked * 10 >= total * 3 AND (maskers - 1) * 5 < people - 1)
),
details AS (
  SELECT s.person_id, f.total, f.masked, f.tor, f.people, f.maskers,
         array_sort(array_agg(DISTINCT concat(i.class, ' (', coalesce(i.provider, i.as_org, 'unnamed network'),
                                   CASE WHEN i.asn IS NOT NULL THEN concat(', AS', CAST(i.asn AS VARCHAR)) ELSE '' END,
                                   '; class from ', i.class_source, ')'))) AS networks,
         array_agg(rf_ref('signins', s._line) ORDER BY s.at) AS refs
  FROM signins_located s
  JOIN flagged f ON f.person_id = s.person_id
  JOIN signin_ips i ON i.ip = s.ip
  WHERE s.ip_masked AND coalesce(s.result, 'success') = 'success'
  GROUP BY s.person_id, f.total, f.masked, f.tor, f.people, f.maskers
)
SELECT person_id,
       concat(CAST(masked AS VARCHAR), ' of ', CAST(total AS VARCHAR),
              ' sign-ins through ', array_to_string(array_slice(networks, 1, 4), '; '),
              CASE WHEN array_length(networks) > 4 THEN '; …' ELSE '' END,
              CASE WHEN people >= 5
                   THEN concat('. In their organisation ', CAST(maskers - 1 AS VARCHAR), ' of ',
                               CAST(people - 1 AS VARCHAR), ' others sign in that way as often')
                   ELSE '' END) AS detail,
       array_slice(refs, 1, 10) AS refs,
       CASE WHEN tor > 0 THEN 20 ELSE 15 END AS weight
FROM details
