-- id: APP_PROFILE_RESUME_MISMATCH
-- title: Résumé disagrees with the person's own records
-- category: hiring
-- weight: 10
-- sources: ADV-2022, PSA-2023
-- description: The résumé is headed with a name that shares no part with the person's
--   recorded name, or gives years for a job or school that the records also list two or
--   more years away from what the records say. The 2022 advisory names "inconsistency in
--   name spelling, … educational history, work history" across what an applicant submits: a
--   network running many personas reuses résumés and fills application forms apart, and the
--   two drift. Nicknames, romanisation variants (Lee, Yi, Rhee), married names and dropped
--   middle names share a part and never count; nor does anything the records lack, since
--   records are often partial. Ask the person before reading anything into a single date.
SELECT person_id,
       concat(CAST(count(*) AS VARCHAR),
              CASE WHEN count(*) = 1 THEN ' disagreement' ELSE ' disagreements' END,
              ' between the résumé and the records: ',
              array_to_string(array_slice(array_agg(claim ORDER BY line), 1, 3), '; '),
              CASE WHEN count(*) > 3 THEN '; …' ELSE '' END) AS detail,
       array_slice(array_concat(array_agg(ref ORDER BY line), array_agg(record_ref ORDER BY line)), 1, 12) AS refs,
       CASE WHEN bool_or(kind = 'name') THEN 20
            WHEN count(*) >= 2 THEN 15
            ELSE 10 END AS weight
FROM profile_conflicts
GROUP BY person_id
