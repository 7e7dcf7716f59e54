-- id: INT_DEEPFAKE_VOICE_CHANGER
-- title: Voice changer or face-swap suspected in an interview
-- category: interview
-- weight: 20
-- sources: PSA-2025, MSFT-2025
-- description: Voice-changing software or face-swapping noted during a video interview (2025 FBI PSA;
--   Microsoft on Jasper Sleet).
SELECT person_id,
       concat('Interviewers noted ', array_to_string(array_sort(array_agg(DISTINCT replace(signal, '_', ' '))), ', '),
              ' in ', count(DISTINCT coalesce(interview_id, ref)), ' interview(s)') AS detail,
       array_sort(array_agg(DISTINCT ref)) AS refs,
       20 AS weight
FROM interview_signals
WHERE signal IN ('voice_changer')
GROUP BY person_id
