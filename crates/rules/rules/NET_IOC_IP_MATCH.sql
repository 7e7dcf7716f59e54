-- id: NET_IOC_IP_MATCH
-- title: Signs in from an address published as DPRK IT-worker infrastructure
-- category: network
-- weight: 8
-- sources: MANDIANT-2024, S1-2024
-- description: A successful sign-in comes from an IP address that Mandiant (UNC5267) or
--   SentinelLabs published as used by DPRK IT workers or their front companies. Most of these
--   are commercial VPN and VPS exits that innocent people use too, so this is weak evidence,
--   and weaker for sign-ins more than a year after the report, when addresses have moved on.
WITH hits AS (
  SELECT s.person_id, i.ip, i.source, i.what, s.at, rf_ref('signins', s._line) AS ref,
         CASE WHEN s.at < CAST(concat(i.published, '-01T00:00:00Z') AS TIMESTAMP) + INTERVAL '365 days'
              THEN 1 ELSE 0 END AS recent
  FROM signins s
  JOIN ref_network_iocs i ON i.ip = s.ip
  WHERE s.person_id IS NOT NULL AND coalesce(s.result, 'success') = 'success'
)
SELECT person_id,
       concat(CAST(count(*) AS VARCHAR), ' sign-in', CASE WHEN count(*) > 1 THEN 's' ELSE '' END,
              ' from ', array_to_string(array_sort(array_agg(DISTINCT concat(ip, ' (', source, ': ', what, ')'))), '; ')) AS detail,
       array_slice(array_agg(ref ORDER BY at), 1, 10) AS refs,
       CASE WHEN max(recent) = 1 THEN 8 ELSE 4 END AS weight
FROM hits
GROUP BY person_id
