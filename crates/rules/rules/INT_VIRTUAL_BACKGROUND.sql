-- id: INT_VIRTUAL_BACKGROUND
-- title: Virtual or stock background hiding the room
-- category: interview
-- weight: 4
-- sources: DTEX-2024, SEAL
-- description: A virtual or stock background during video interviews (DTEX, SEAL). Common among
--   ordinary candidates too: a weak signal that only corroborates.
SELECT person_id,
       concat('Interviewers noted ', array_to_string(array_sort(array_agg(DISTINCT replace(signal, '_', ' '))), ', '),
              ' in ', count(DISTINCT coalesce(interview_id, ref)), ' interview(s)') AS detail,
       array_sort(array_agg(DISTINCT ref)) AS refs,
       4 AS weight
FROM interview_signals
WHERE signal IN ('virtual_background')
GROUP BY person_id
