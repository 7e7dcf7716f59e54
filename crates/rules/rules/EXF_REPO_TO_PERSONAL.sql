-- id: EXF_REPO_TO_PERSONAL
-- title: Sensitive data accessed, then pushed or shared outside
-- category: access
-- weight: 30
-- sources: PSA-2025, SECUREWORKS-2024
-- description: Source code, customer data or export-controlled material was read, cloned
--   or downloaded and, within seven days, something was pushed or shared to an external
--   destination. The 2025 FBI PSA and Secureworks describe code copied to personal
--   accounts and then used for extortion.
SELECT x.person_id,
       concat('Accessed ', array_to_string(array_sort(array_agg(DISTINCT concat(a.sensitivity, ' ', coalesce(a.resource, '')))), ', '),
              ' then ', array_to_string(array_sort(array_agg(DISTINCT replace(x.action, '_', ' '))), ' and '),
              ' (', array_to_string(array_sort(array_agg(DISTINCT coalesce(x.resource, 'unnamed'))), ', '), ') within 7 days') AS detail,
       array_sort(array_agg(DISTINCT rf_ref('access', a._line))) || array_sort(array_agg(DISTINCT rf_ref('access', x._line))) AS refs
FROM access a
JOIN access x
  ON a.person_id = x.person_id AND x.at >= a.at AND x.at <= a.at + INTERVAL '7 days'
WHERE a.action IN ('read', 'clone', 'download')
  AND a.sensitivity IN ('source_code', 'customer_data', 'export_controlled')
  AND x.action IN ('push_external', 'share_external')
GROUP BY x.person_id
