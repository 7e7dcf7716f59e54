-- id: NET_SHARED_MFA_DEVICE
-- title: Signs in from a device other people's accounts also sign in from
-- category: network
-- weight: 15
-- sources: MSFT-2025, ADV-2022
-- description: The device the identity provider saw at a successful sign-in (Okta's
--   `device.id`, Entra's `deviceDetail.deviceId`, a sign-in CSV's `device_id`) also signs in
--   to the accounts of other people who share no home with this person. Microsoft's Defender
--   Experts saw "a single device ... repeatedly used to complete MFA for multiple user
--   accounts": one operator working several personas. Each other person adds weight.
-- One row per person and device, with the first sign-in's line for the evidence.
-- Cells are stored trimmed, an empty one as null: no device id is blank.
WITH first_use AS (
  SELECT person_id, device_id, min(_line) AS line
  FROM signins
  WHERE person_id IS NOT NULL AND device_id IS NOT NULL
    AND coalesce(result, 'success') = 'success'
  GROUP BY person_id, device_id
),
d AS (SELECT person_id, device_id FROM first_use),
pairs AS (
  SELECT a.person_id, a.device_id, b.person_id AS other_id
  FROM d a
  JOIN d b ON a.device_id = b.device_id AND a.person_id <> b.person_id
  LEFT JOIN households hh ON hh.person_id = a.person_id AND hh.other_id = b.person_id
  WHERE hh.person_id IS NULL
)
SELECT p.person_id,
       concat('Signs in from device ', array_to_string(array_sort(array_agg(DISTINCT p.device_id)), ', '),
              ', which also signs in to the accounts of ', CAST(count(DISTINCT p.other_id) AS VARCHAR),
              ' other people') AS detail,
       array_sort(array_agg(DISTINCT rf_ref('signins', f.line))) AS refs,
       array_sort(array_agg(DISTINCT p.other_id)) AS related,
       least(10 + 5 * count(DISTINCT p.other_id), 30) AS weight
FROM pairs p
JOIN first_use f ON f.person_id = p.person_id AND f.device_id = p.device_id
GROUP BY p.person_id
