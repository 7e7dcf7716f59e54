-- id: PLT_CONTACT_REUSE
-- title: Same phone or email given by people with different names
-- category: identity
-- weight: 25
-- sources: ADV-2022, MANDIANT-2024, OKTA-2025, DOJ-DIDENKO
-- description: A phone number or email address (after normalisation) is also given by
--   people whose names do not match this person's: one operator behind several personas,
--   or rented accounts. Members of one small household are not counted, and a value the
--   identifier engine classes as a hub (given by more people than this dataset makes normal
--   for that kind, at least 25, and not otherwise linked: a switchboard, an HR inbox) is not a
--   link.
WITH c AS (
  SELECT ck.person_id, ck.kind, ck.key, ck.value, ck.ref, p.full_name
  FROM contact_keys ck JOIN people p ON p.person_id = ck.person_id
  WHERE ck.kind IN ('phone', 'email') AND ck.key IS NOT NULL
),
sizes AS (
  SELECT DISTINCT kind, key FROM shared_identifiers
  WHERE kind IN ('phone', 'email') AND sharing <> 'hub'
),
pairs AS (
  SELECT a.person_id, a.kind, a.value, a.ref, b.person_id AS other_id
  FROM c a
  JOIN sizes s ON s.kind = a.kind AND s.key = a.key
  JOIN c b ON b.kind = a.kind AND b.key = a.key AND b.person_id <> a.person_id
  LEFT JOIN households hh ON hh.person_id = a.person_id AND hh.other_id = b.person_id
  WHERE hh.person_id IS NULL AND NOT rf_names_match(a.full_name, b.full_name)
)
SELECT person_id,
       concat('The ', array_to_string(array_sort(array_agg(DISTINCT concat(kind, ' ', value))), ', '),
              ' is also given by ', count(DISTINCT other_id), ' people under other names') AS detail,
       array_sort(array_agg(DISTINCT ref)) AS refs,
       array_sort(array_agg(DISTINCT other_id)) AS related
FROM pairs
GROUP BY person_id
