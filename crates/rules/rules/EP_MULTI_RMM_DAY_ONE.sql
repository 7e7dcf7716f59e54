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
hits AS (
  SELECT h.person_id, h.device_id, h.family, f.since, h.ref
  FROM remote_access_hits h
  JOIN first_seen f ON f.device_id = h.device_id
  WHERE h.at <= f.since + INTERVAL '7 days'
),
devices AS (
  SELECT person_id, device_id, min(since) AS since, count(DISTINCT family) AS families,
         array_sort(array_agg(DISTINCT family)) AS names, array_sort(array_agg(DISTINCT ref)) AS refs
  FROM hits GROUP BY person_id, device_id
  HAVING count(DISTINCT family) >= 2
)
SELECT d.person_id,
       concat(array_to_string(array_agg(concat(CAST(d.families AS VARCHAR), ' remote-access tools (',
                                                 array_to_string(d.names, ', '), ') on device ', d.device_id)), '; '),
              ' within a week of the device first reporting') AS detail,
       flatten(array_agg(d.refs)) AS refs
FROM devices d
GROUP BY d.person_id
