-- id: ONB_SHELL_STAFFING_CO
-- title: Supplied by a staffing vendor whose staff use front-company domains
-- category: payment
-- weight: 25
-- sources: DOJ-JIN, PSA-2024, S1-2024
-- description: The person is supplied (and paid) through a staffing vendor whose staff use
--   seized or front-company domains in their emails, websites or work history. In US v.
--   Jin et al. shell staffing companies (Taggcar, Vali Tech) placed workers, completed
--   their paperwork and invoiced for them; the 2024 FBI PSA warns about third-party
--   vendors. Every person the vendor supplies gets this evidence, including staff whose
--   own records look clean.
WITH staff AS (
  SELECT person_id, vendor, rf_name_key(vendor) AS vk, rf_ref('people', _line) AS ref
  FROM people WHERE vendor IS NOT NULL AND trim(vendor) <> ''
),
domains AS (
  SELECT person_id, rf_domain(value) AS domain, ref
  FROM contact_keys WHERE kind IN ('email', 'website')
  UNION ALL
  SELECT person_id, rf_domain(employer_domain), rf_ref('work_history', _line)
  FROM work_history WHERE employer_domain IS NOT NULL
),
front_vendors AS (
  SELECT s.vk, f.domain, d.ref
  FROM staff s
  JOIN domains d ON d.person_id = s.person_id
  JOIN ref_front_domains f ON f.domain = d.domain
)
SELECT s.person_id,
       concat('Supplied by vendor ', max(s.vendor), ', whose staff use ',
              array_to_string(array_sort(array_agg(DISTINCT fv.domain)), ', '),
              ' (seized or front-company domains)') AS detail,
       array_sort(array_agg(DISTINCT s.ref)) || array_sort(array_agg(DISTINCT fv.ref)) AS refs
FROM staff s
JOIN front_vendors fv ON fv.vk = s.vk
GROUP BY s.person_id
