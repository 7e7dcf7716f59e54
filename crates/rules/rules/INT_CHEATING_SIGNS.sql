-- id: INT_CHEATING_SIGNS
-- title: Reading answers, stalling or AI help during interviews
-- category: interview
-- weight: 8
-- sources: PSA-2023, CS-2025, SEAL
-- description: Excessive pauses, stalling, eye movements that suggest reading, pasted bursts or AI
--   assistance during interviews or coding tests (2023 US/ROK guidance; CrowdStrike 2025 on
--   generative AI across the hiring pipeline). Each distinct signal adds a little.
SELECT person_id,
       concat('Interviewers noted ', array_to_string(array_sort(array_agg(DISTINCT replace(signal, '_', ' '))), ', '),
              ' in ', count(DISTINCT coalesce(interview_id, ref)), ' interview(s)') AS detail,
       array_sort(array_agg(DISTINCT ref)) AS refs,
       least(6 + 3 * count(DISTINCT signal), 15) AS weight
FROM interview_signals
WHERE signal IN ('reading_answers', 'long_pauses', 'stalling', 'paste_burst', 'ai_assisted')
GROUP BY person_id
