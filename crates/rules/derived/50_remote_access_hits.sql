-- Remote-access tools from the catalogue (the Astrill VPN client aside: EP_VPN_CLIENT's) on
-- the devices of people outside IT support roles, who are expected to install such tools.
-- One row per endpoint row and tool family, matched by process name or by the file name of
-- its path (two hash joins: an `OR` join would compare every row with every tool).
-- EP_RMM_INSTALLED and EP_MULTI_RMM_DAY_ONE read it.
WITH named AS (
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
)
SELECT m.person_id, m.device_id, m.family, m.at, rf_ref('endpoint', m._line) AS ref
FROM matched m
JOIN people p ON p.person_id = m.person_id
WHERE NOT regexp_like(coalesce(p.role, ''),
  '(?i)\b(it support|help ?desk|service ?desk|desktop support|systems? administrator|sysadmin|it operations|it technician|site reliability)\b')
