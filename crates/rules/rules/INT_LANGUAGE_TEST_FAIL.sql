-- id: INT_LANGUAGE_TEST_FAIL
-- title: Failed a language check for the claimed background
-- category: locale
-- weight: 5
-- sources: SEAL
-- description: The candidate failed a language check for the nationality they claim (SEAL). Language
--   only corroborates other evidence: on its own it never lifts anyone above low.
SELECT person_id,
       concat('Interviewers noted ', array_to_string(array_sort(array_agg(DISTINCT replace(signal, '_', ' '))), ', '),
              ' in ', count(DISTINCT coalesce(interview_id, ref)), ' interview(s)') AS detail,
       array_sort(array_agg(DISTINCT ref)) AS refs,
       5 AS weight
FROM interview_signals
WHERE signal IN ('language_test_fail')
GROUP BY person_id
