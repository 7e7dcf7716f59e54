-- id: EP_MULTI_RMM_DAY_ONE
-- title: Two or more remote-access tools on a new device
-- category: device
-- weight: 20
-- sources: MANDIANT-2024, MSFT-2025, KB4-2024
-- description: Two or more different remote-access tool families (AnyDesk, TeamViewer, Chrome
--   Remote Desktop, RustDesk…) appear on a device within seven days of the device first
--   reporting. Laptop farms install several independent ways in as soon as a laptop arrives,
--   so that workers abroad keep control if one is blocked. People in IT support roles are
--   expected to install such tools and are not counted (as in EP_RMM_INSTALLED).
WITH first_seen AS (
  SELECT device_id, min(at) AS since FROM endpoint WHERE at IS NOT NULL GROUP BY device_id
),
named AS (
  SELECT e.person_id, e.device_id, e.at, e._line, lower(e.name) AS by_name,
         lower(regexp_replace(coalesce(e.path, ''), '^.*[/\\]', '')) AS by_path
  FROM endpoint e
  WHERE e.kind IN ('process', 'software') AND e.person_id IS NOT NULL
),
tools AS (SELECT family, process_name FROM ref_remote_access_tools WHERE family <> 'Astrill VPN'),
matched AS (
  SELECT n.*, t.family FROM named n JOIN tools t ON t.process_name = n.by_name
  UNION
  SELECT n.*, t.family FROM named n JOIN tools t ON t.process_name = n.by_path
),
hits AS (
  SELECT m.person_id, m.device_id, m.family, m.at, f.since, rf_ref('endpoint', m._line) AS ref
  FROM matched m
  JOIN first_seen f ON f.device_id = m.device_id
  WHERE m.at <= f.since + INTERVAL '7 days'
),
devices AS (
  SELECT person_id, device_id, min(since) AS since, count(DISTINCT family) AS families,
         array_agg(DISTINCT family) AS names, array_agg(DISTINCT ref) AS refs
  FROM hits GROUP BY person_id, device_id
  HAVING count(DISTINCT family) >= 2
)
SELECT d.person_id,
       concat(array_to_string(array_agg(concat(CAST(d.families AS VARCHAR), ' remote-access tools (',
                                                 array_to_string(d.names, ', '), ') on device ', d.device_id)), '; '),
              ' within a week of the device first reporting') AS detail,
       flatten(array_agg(d.refs)) AS refs
FROM devices d
JOIN people p ON p.person_id = d.person_id
WHERE NOT regexp_like(coalesce(p.role, ''),
  '(?i)\b(it support|help ?desk|service ?desk|desktop support|systems? administrator|sysadmin|it operations|it technician|site reliability)\b')
GROUP BY d.person_id
