-- id: INT_STAND_IN_INTERVIEWEE
-- title: A different person appeared at an interview
-- category: interview
-- weight: 25
-- sources: PSA-2024, DOJ-HWA, SEAL
-- description: An interviewer saw a different person than before, or a face that does not match the
--   ID or earlier calls: facilitators attend interviews for workers (2024 FBI PSA, US v.
--   Hwa).
SELECT person_id,
       concat('Interviewers noted ', array_to_string(array_sort(array_agg(DISTINCT replace(signal, '_', ' '))), ', '),
              ' in ', count(DISTINCT coalesce(interview_id, ref)), ' interview(s)') AS detail,
       array_sort(array_agg(DISTINCT ref)) AS refs,
       25 AS weight
FROM interview_signals
WHERE signal IN ('different_person', 'face_mismatch')
GROUP BY person_id
