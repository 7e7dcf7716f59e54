-- id: INT_SHARED_SCRIPT_ACROSS_APPLICANTS
-- title: Same interview excuse or phone number as other applicants
-- category: interview
-- weight: 10
-- sources: OKTA-2025, SECUREWORKS-2024, ADV-2022
-- description: Interviewers wrote the same note, word for word, about the same problem
--   (camera refused or "broken", stalling, reading answers: an interview with a signal) for
--   two to ten different applicants, or noted the same phone number for several of them.
--   Okta saw a few operators behind thousands of interviews, Secureworks the same excuse
--   ("My webcam isn't working today") again and again, and the 2022 advisory the same
--   templates across accounts: a shared script shows one team behind several candidates.
--   Notes of under five words, and notes shared by more than ten people (an interviewer's
--   stock phrase), are not counted; neither are notes of interviews without a signal.
WITH noted AS (
  SELECT person_id, _line, notes,
         trim(regexp_replace(lower(notes), '[^\p{L}]+', ' ', 'g')) AS script
  FROM interviews
  WHERE notes IS NOT NULL AND person_id IS NOT NULL
    AND (coalesce(trim(signals), '') <> '' OR camera IN ('refused', 'broken'))
),
scripts AS (
  SELECT script
  FROM noted
  WHERE array_length(string_to_array(script, ' ')) >= 5
  GROUP BY script
  HAVING count(DISTINCT person_id) BETWEEN 2 AND 10
),
phones AS (
  SELECT person_id, _line,
         rf_phone_key(regexp_match(notes, '\+?[0-9][0-9 ().-]{6,}[0-9]')[1]) AS phone
  FROM interviews
  WHERE notes IS NOT NULL AND person_id IS NOT NULL
),
shared_phones AS (
  SELECT phone
  FROM phones
  WHERE phone IS NOT NULL
  GROUP BY phone
  HAVING count(DISTINCT person_id) BETWEEN 2 AND 10
),
matches AS (
  SELECT n.person_id, n._line, 'note' AS kind, n.script AS shared,
         concat('the same note "', substr(trim(n.notes), 1, 160), '"') AS what
  FROM noted n JOIN scripts s ON s.script = n.script
  UNION ALL
  SELECT p.person_id, p._line, 'phone' AS kind, p.phone AS shared,
         concat('the same phone number ', p.phone, ' in the notes') AS what
  FROM phones p JOIN shared_phones s ON s.phone = p.phone
),
per_match AS (
  SELECT m.person_id, m._line, m.what, array_agg(DISTINCT o.person_id) AS others
  FROM matches m
  JOIN matches o ON o.kind = m.kind AND o.shared = m.shared AND o.person_id <> m.person_id
  GROUP BY m.person_id, m._line, m.what
)
SELECT person_id,
       concat('Interviewers noted ',
              array_to_string(array_slice(array_sort(array_agg(DISTINCT what)), 1, 3), '; '),
              ' for ', CAST(cardinality(array_distinct(flatten(array_agg(others)))) AS VARCHAR),
              ' other applicant(s) as well') AS detail,
       array_sort(array_agg(rf_ref('interviews', _line))) AS refs,
       array_sort(array_distinct(flatten(array_agg(others)))) AS related,
       CASE WHEN cardinality(array_distinct(flatten(array_agg(others)))) >= 2 THEN 12 ELSE 10 END AS weight
FROM per_match
GROUP BY person_id
