-- Remote-access tools from the catalogue (the Astrill VPN client aside: EP_VPN_CLIENT's) on
-- the devices of people outside IT support roles, who are expected to install such tools,
-- and not sanctioned for them by their organisation's `allowed_tools` (a row allows one
-- tool, or `*` for all, to one person, to the holders of a role, or without either to the
-- whole organisation; without `org` it applies to every organisation).
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
),
-- (person, family) pairs the organisation allows: a small join of hits with the allow-list.
allowed AS (
  SELECT DISTINCT h.person_id, h.family
  FROM (SELECT DISTINCT m.person_id, m.family, p.org, lower(coalesce(p.role, '')) AS role
        FROM matched m JOIN people p ON p.person_id = m.person_id) h
  CROSS JOIN allowed_tools a
  WHERE (a.org IS NULL OR a.org = h.org)
    AND (trim(a.tool) = '*' OR lower(trim(a.tool)) = lower(h.family))
    AND (a.person_id IS NULL OR a.person_id = h.person_id)
    AND (a.role IS NULL OR strpos(h.role, lower(trim(a.role))) > 0)
)
SELECT m.person_id, m.device_id, m.family, m.at, rf_ref('endpoint', m._line) AS ref
FROM matched m
JOIN people p ON p.person_id = m.person_id
LEFT JOIN allowed al ON al.person_id = m.person_id AND al.family = m.family
WHERE al.person_id IS NULL
  AND NOT regexp_like(coalesce(p.role, ''),
  '(?i)\b(it support|help ?desk|service ?desk|desktop support|systems? administrator|sysadmin|it operations|it technician|site reliability)\b')
