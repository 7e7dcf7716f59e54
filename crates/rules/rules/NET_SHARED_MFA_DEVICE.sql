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
-- Everyone whose accounts sign in from each device, next to each of its users: the sign-ins
-- are read once (DataFusion computes a WITH table again wherever it is used; a join of the
-- devices with themselves would read them twice more).
shared AS (
  SELECT person_id, device_id, line, users
  FROM (
    SELECT person_id, device_id, line, array_agg(person_id) OVER (PARTITION BY device_id) AS users
    FROM first_use
  ) u
  WHERE array_length(users) > 1
),
pairs AS (
  SELECT person_id, device_id, line, other_id
  FROM (SELECT person_id, device_id, line, unnest(users) AS other_id FROM shared) s
  WHERE other_id <> person_id
),
unexcused AS (
  SELECT p.person_id, p.device_id, p.line, p.other_id
  FROM pairs p
  LEFT JOIN households hh ON hh.person_id = p.person_id AND hh.other_id = p.other_id
  WHERE hh.person_id IS NULL
)
SELECT person_id,
       concat('Signs in from device ', array_to_string(array_sort(array_agg(DISTINCT device_id)), ', '),
              ', which also signs in to the accounts of ', CAST(count(DISTINCT other_id) AS VARCHAR),
              ' other people') AS detail,
       array_sort(array_agg(DISTINCT rf_ref('signins', line))) AS refs,
       array_sort(array_agg(DISTINCT other_id)) AS related,
       least(10 + 5 * count(DISTINCT other_id), 30) AS weight
FROM unexcused
GROUP BY person_id
