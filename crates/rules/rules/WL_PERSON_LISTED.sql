-- id: WL_PERSON_LISTED
-- title: The person's name matches a person on a sanctions list
-- category: watchlist
-- weight: 25
-- sources: OFAC-SDN, UN-1718, ADV-2022
-- description: The name a person gave matches a sanctioned person on OFAC's SDN list, the UN
--   1718 list or redflag's curated list of DPRK IT-worker designations, after romanisation,
--   transliteration and typo tolerance. The date of birth confirms or refutes the match. A
--   name alone is only a reason to check: an alert-level match weighs 10, a strong one 25,
--   and 50 only with a date of birth equal to a listed one. Workers use stolen and borrowed
--   identities, so a clean name proves nothing; a listed one must be resolved before hiring.
WITH ranked AS (
  SELECT *, row_number() OVER (PARTITION BY person_id ORDER BY score DESC, entity_key) AS rank,
         count(*) OVER (PARTITION BY person_id) AS hits
  FROM watchlist_hits WHERE subject = 'person'
)
SELECT person_id,
       concat('The name ', screened, ' matches ', matched, ', ', list_name, ' entry ', entity_key,
              CASE WHEN programs <> '' THEN concat(' (', programs, ')') ELSE '' END,
              ', list of ', coalesce(list_date, 'unknown date'), ': ', tier, ' match ',
              CAST(round(score, 2) AS VARCHAR), '; ', explanation,
              CASE WHEN hits > 1 THEN concat('; ', CAST(hits - 1 AS VARCHAR), ' other listed name(s) also match')
                   ELSE '' END) AS detail,
       ref AS refs,
       CASE WHEN tier = 'strong' AND birth_date_matches THEN 50
            WHEN tier = 'strong' THEN 25
            ELSE 10 END AS weight
FROM ranked WHERE rank = 1
