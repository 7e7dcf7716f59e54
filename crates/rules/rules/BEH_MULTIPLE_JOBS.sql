-- id: BEH_MULTIPLE_JOBS
-- title: One identity employed at several organisations at once
-- category: identity
-- weight: 35
-- sources: MANDIANT-2024, CS-2025, DOJ-VONG
-- description: The same identity (name and date of birth, or tax id, or records the identity
--   matcher finds to be one person with probability 0.9 or more despite spelling and format
--   differences) is hired at other organisations over overlapping periods. In US v. Vong one
--   identity held 13 jobs; CrowdStrike reports workers holding three or four at once.
WITH identity AS (
  SELECT person_id, concat('name and date of birth ', full_name) AS what,
         concat('n:', rf_name_key(full_name), '|', CAST(date_of_birth AS VARCHAR)) AS k,
         rf_ref('people', _line) AS ref
  FROM people
  -- A name with no letters carries no identity: it must not pair everyone born that day.
  WHERE date_of_birth IS NOT NULL AND coalesce(rf_name_key(full_name), '') <> ''
  UNION ALL
  SELECT person_id, 'tax id', concat('t:', key), ref
  FROM contact_keys WHERE kind = 'tax_id' AND key IS NOT NULL
),
employed AS (
  SELECT person_id, org, hired_at AS start,
         coalesce(terminated_at, TIMESTAMP '2100-01-01T00:00:00Z') AS stop
  FROM people
  WHERE status IN ('hired', 'active', 'terminated') AND hired_at IS NOT NULL AND org IS NOT NULL
),
same_identity AS (
  SELECT a.person_id, a.what, a.ref, b.person_id AS other_id
  FROM identity a
  JOIN identity b ON a.k = b.k AND a.person_id <> b.person_id
  UNION ALL
  -- Fellegi-Sunter identity matches: names, date of birth, tax id and contact details
  -- weighed together, so "Jon Smyth" and "Jonathan Smith" born the same day match.
  SELECT person_id,
         concat('identity (records matched with probability ', CAST(round(probability, 3) AS VARCHAR),
                ': ', evidence, ')'),
         ref, other_id
  FROM identity_matches WHERE probability >= 0.9
),
overlaps AS (
  SELECT s.person_id, s.what, s.ref, s.other_id, eb.org AS other_org
  FROM same_identity s
  JOIN employed ea ON ea.person_id = s.person_id
  JOIN employed eb ON eb.person_id = s.other_id
  WHERE ea.org <> eb.org AND ea.start < eb.stop AND eb.start < ea.stop
)
SELECT person_id,
       concat('The same ', array_to_string(array_sort(array_agg(DISTINCT what)), ' and '),
              ' is employed at the same time at ', count(DISTINCT other_org), ' other organisation(s): ',
              array_to_string(array_sort(array_agg(DISTINCT other_org)), ', ')) AS detail,
       array_sort(array_agg(DISTINCT ref)) AS refs,
       array_sort(array_agg(DISTINCT other_id)) AS related
FROM overlaps
GROUP BY person_id
