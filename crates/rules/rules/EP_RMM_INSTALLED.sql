-- id: EP_RMM_INSTALLED
-- title: Remote-access tool on a person's device
-- category: device
-- weight: 15
-- sources: MANDIANT-2024, MSFT-2025, SECUREWORKS-2024, LOLRMM
-- description: AnyDesk, TeamViewer, Chrome Remote Desktop and similar tools named in DPRK
--   IT-worker reporting (process names from LOLRMM) run or are installed on a device the
--   person uses: workers abroad control laptops kept in a farm. People whose role is IT
--   support or systems administration are expected to use them and are not counted; more
--   than one tool family counts more. Astrill, a VPN client listed in the same catalogue, is
--   EP_VPN_CLIENT's.
WITH hits AS (
  SELECT e.person_id, e.device_id, t.family, rf_ref('endpoint', e._line) AS ref
  FROM endpoint e
  JOIN ref_remote_access_tools t
    ON t.process_name = lower(e.name)
    OR t.process_name = lower(regexp_replace(coalesce(e.path, ''), '^.*[/\\]', ''))
  WHERE e.kind IN ('process', 'software') AND e.person_id IS NOT NULL
    AND t.family <> 'Astrill VPN'
)
SELECT h.person_id,
       concat('Remote-access tools on device ', array_to_string(array_agg(DISTINCT h.device_id), ', '),
              ': ', array_to_string(array_agg(DISTINCT h.family), ', ')) AS detail,
       array_agg(DISTINCT h.ref) AS refs,
       least(7 + 8 * count(DISTINCT h.family), 28) AS weight
FROM hits h
JOIN people p ON p.person_id = h.person_id
WHERE NOT regexp_like(coalesce(p.role, ''),
  '(?i)\b(it support|help ?desk|service ?desk|desktop support|systems? administrator|sysadmin|it operations|it technician|site reliability)\b')
GROUP BY h.person_id
