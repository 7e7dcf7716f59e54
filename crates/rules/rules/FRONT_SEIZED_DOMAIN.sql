-- id: FRONT_SEIZED_DOMAIN
-- title: Seized or front-company domain in email, website or work history
-- category: hiring
-- weight: 35
-- sources: DOJ-2023, S1-2024, DOJ-DIDENKO
-- description: An email address, website or prior employer's domain is one the US seized
--   from DPRK IT-worker operations (17 domains in October 2023, 4 in October 2024,
--   upworksell.com) or a front company SentinelLabs documented.
WITH domains AS (
  SELECT person_id, rf_domain(value) AS domain, concat(kind, ' ', value) AS what, ref
  FROM contact_keys WHERE kind IN ('email', 'website')
  UNION ALL
  SELECT person_id, rf_domain(employer_domain),
         concat('prior employer ', coalesce(employer, employer_domain)),
         rf_ref('work_history', _line)
  FROM work_history WHERE employer_domain IS NOT NULL
)
SELECT d.person_id,
       concat(array_to_string(array_sort(array_agg(DISTINCT concat(d.what, ' uses ', f.domain, ' (', f.action,
              ' ', f.action_date, '; ', f.linked_entity, ')'))), '; ')) AS detail,
       array_sort(array_agg(DISTINCT d.ref)) AS refs
FROM domains d
JOIN ref_front_domains f ON f.domain = d.domain
GROUP BY d.person_id
