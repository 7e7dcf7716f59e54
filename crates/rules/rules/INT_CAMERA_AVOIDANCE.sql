-- id: INT_CAMERA_AVOIDANCE
-- title: Camera off, refused or "broken" across interviews
-- category: interview
-- weight: 15
-- sources: PSA-2023, SECUREWORKS-2024, FBI-CIB-2024
-- description: In two or more video interviews or coding tests the camera was off,
--   refused or "broken", or the interviewer noted a camera excuse. The 2023 US/ROK guidance
--   lists unwillingness to appear on camera first; Secureworks quotes "My webcam isn't
--   working today". One glitch in one interview is not counted.
WITH video AS (
  SELECT person_id, _line, camera, signals,
         count(*) OVER (PARTITION BY person_id) AS total
  FROM interviews
  WHERE kind IS NULL OR kind IN ('video', 'coding_test')
)
SELECT person_id,
       concat('Camera off, refused or broken in ', count(*), ' of ', max(total),
              ' video interviews') AS detail,
       array_agg(rf_ref('interviews', _line)) AS refs,
       least(10 + 5 * count(*), 25) AS weight
FROM video
WHERE camera IN ('off', 'refused', 'broken')
   OR strpos(coalesce(signals, ''), 'camera_excuse') > 0
GROUP BY person_id
HAVING count(*) >= 2
