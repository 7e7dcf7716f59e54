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
SELECT person_id,
       concat('Remote-access tools on device ', array_to_string(array_sort(array_agg(DISTINCT device_id)), ', '),
              ': ', array_to_string(array_sort(array_agg(DISTINCT family)), ', ')) AS detail,
       array_sort(array_agg(DISTINCT ref)) AS refs,
       least(7 + 8 * count(DISTINCT family), 28) AS weight
FROM remote_access_hits
GROUP BY person_id
