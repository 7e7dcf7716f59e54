-- id: ID_DOC_FACE_LIVENESS_FAIL
-- title: Refused to show ID on camera
-- category: interview
-- weight: 20
-- sources: SEAL, PSA-2025
-- description: The candidate refused to hold their identity document next to their face on live
--   video, the liveness check SEAL recommends against deepfakes.
SELECT person_id,
       concat('Interviewers noted ', array_to_string(array_sort(array_agg(DISTINCT replace(signal, '_', ' '))), ', '),
              ' in ', count(DISTINCT coalesce(interview_id, ref)), ' interview(s)') AS detail,
       array_sort(array_agg(DISTINCT ref)) AS refs,
       20 AS weight
FROM interview_signals
WHERE signal IN ('refused_id_on_camera')
GROUP BY person_id
