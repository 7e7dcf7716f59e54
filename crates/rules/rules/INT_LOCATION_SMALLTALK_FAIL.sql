-- id: INT_LOCATION_SMALLTALK_FAIL
-- title: Could not make small talk about the claimed home town
-- category: interview
-- weight: 10
-- sources: SEAL
-- description: The candidate could not answer ordinary questions about the city or country they
--   claim to live in (SEAL).
SELECT person_id,
       concat('Interviewers noted ', array_to_string(array_sort(array_agg(DISTINCT replace(signal, '_', ' '))), ', '),
              ' in ', count(DISTINCT coalesce(interview_id, ref)), ' interview(s)') AS detail,
       array_sort(array_agg(DISTINCT ref)) AS refs,
       10 AS weight
FROM interview_signals
WHERE signal IN ('location_smalltalk_fail')
GROUP BY person_id
