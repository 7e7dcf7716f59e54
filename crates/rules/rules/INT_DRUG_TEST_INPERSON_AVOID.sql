-- id: INT_DRUG_TEST_INPERSON_AVOID
-- title: Avoided in-person meetings or drug tests
-- category: interview
-- weight: 10
-- sources: PSA-2023
-- description: Undue concern about drug tests or in-person meetings, or inability to attend them
--   (2023 US/ROK guidance).
SELECT person_id,
       concat('Interviewers noted ', array_to_string(array_sort(array_agg(DISTINCT replace(signal, '_', ' '))), ', '),
              ' in ', count(DISTINCT coalesce(interview_id, ref)), ' interview(s)') AS detail,
       array_sort(array_agg(DISTINCT ref)) AS refs,
       10 AS weight
FROM interview_signals
WHERE signal IN ('refused_in_person', 'refused_drug_test')
GROUP BY person_id
