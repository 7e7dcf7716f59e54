-- id: NET_HOURS_OFF_CLAIMED_ZONE
-- title: Keeps the working hours of a time zone far from the claimed one
-- category: network
-- weight: 15
-- sources: ADV-2022, SEAL, KB4-2024
-- description: The person's sign-ins and work activity keep the day of a time zone at least
--   five hours from the one they claim, with a clear working day behind the estimate
--   (confidence 0.6 or more, at least 60 events). The 2022 advisory names an inability to
--   work during regular business hours; SEAL compares a claimed GMT-5 with Pyongyang's
--   GMT+9; KnowBe4's hire "operated the night shift". Night-shift workers look the same,
--   so this corroborates, and the evidence shows the hours kept in the claimed zone.
SELECT person_id,
       concat('Activity keeps UTC', CASE WHEN offset_minutes >= 0 THEN '+' ELSE '-' END,
              CAST(abs(offset_minutes) / 60 AS VARCHAR), ':',
              lpad(CAST(abs(offset_minutes) % 60 AS VARCHAR), 2, '0'),
              ' hours (confidence ', CAST(round(confidence, 2) AS VARCHAR), ', ',
              CAST(events AS VARCHAR), ' events on ', CAST(days AS VARCHAR),
              ' days), ', CAST(round(hours_apart, 1) AS VARCHAR), ' hours from the claimed ',
              claimed_timezone, '. Events per hour in ', claimed_timezone, ': ',
              claimed_hours) AS detail,
       array_concat(make_array(ref), string_to_array(sample_refs, '|')) AS refs
FROM working_hours
WHERE hours_apart >= 5 AND confidence >= 0.6 AND events >= 60
