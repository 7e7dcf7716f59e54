-- One row per interview signal noted by an interviewer.
SELECT person_id, interview_id, kind, at, signal, ref
FROM (
  SELECT person_id, interview_id, kind, at, rf_ref('interviews', _line) AS ref,
         unnest(string_to_array(signals, ';')) AS signal
  FROM interviews
  WHERE signals IS NOT NULL AND signals <> ''
)
