-- id: EP_VPN_CLIENT
-- title: Astrill VPN client on a person's device
-- category: device
-- weight: 15
-- sources: MANDIANT-2024, SECUREWORKS-2024, MSFT-2025
-- description: The Astrill VPN client (its processes `astrill`, `asproxy`, `asovpnc`, with or
--   without `.exe`, or an installed program or network adapter named Astrill) runs on a device
--   the person uses. Mandiant, Secureworks and Microsoft name Astrill as the VPN DPRK IT
--   workers favour to hide where they connect from; an ordinary employee has no need of a
--   consumer VPN on a company laptop. The Windows process names are not confirmed by a
--   published source, so program and adapter names count too.
WITH names AS (
  SELECT e.person_id, e.device_id, e.kind, e.at, rf_ref('endpoint', e._line) AS ref,
         regexp_replace(lower(coalesce(nullif(e.name, ''),
                                       regexp_replace(coalesce(e.path, ''), '^.*[/\\]', ''))),
                        '\.(exe|app)$', '') AS base,
         lower(coalesce(e.name, '') || ' ' || coalesce(e.path, '') || ' ' || coalesce(e.product, '')) AS text
  FROM endpoint e
  WHERE e.person_id IS NOT NULL
    AND e.kind IN ('process', 'software', 'network_adapter')
),
hits AS (
  SELECT n.* FROM names n
  WHERE n.base IN (SELECT regexp_replace(process_name, '\.exe$', '') FROM ref_remote_access_tools
                   WHERE family = 'Astrill VPN')
     OR (n.kind IN ('software', 'network_adapter') AND strpos(n.text, 'astrill') > 0)
)
SELECT person_id,
       concat('Astrill VPN (', array_to_string(array_sort(array_agg(DISTINCT kind)), ', '), ') on device ',
              array_to_string(array_sort(array_agg(DISTINCT device_id)), ', ')) AS detail,
       array_slice(array_agg(ref ORDER BY at), 1, 10) AS refs
FROM hits
GROUP BY person_id
