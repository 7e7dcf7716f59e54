-- id: WL_ORG_LISTED
-- title: Staffing vendor or past employer matches a sanctioned organisation
-- category: watchlist
-- weight: 35
-- sources: OFAC-SDN, UN-1718, ADV-2022, DOJ-HWA
-- description: The staffing vendor that supplies a person, or an employer in their work
--   history, matches a sanctioned organisation: DPRK IT-worker fronts such as Yanbian
--   Silverstar, Volasys Silver Star or Chinyong, whose staff were indicted in US v. Hwa. Legal
--   forms and generic company words never match on their own. A strong match weighs 35, an
--   alert-level one 15.
WITH ranked AS (
  SELECT *, row_number() OVER (PARTITION BY person_id ORDER BY score DESC, subject, entity_key) AS rank
  FROM watchlist_hits WHERE subject IN ('vendor', 'employer')
)
SELECT person_id,
       concat(CASE WHEN subject = 'vendor' THEN 'Staffing vendor ' ELSE 'Past employer ' END,
              screened, ' matches ', matched, ', ', list_name, ' entry ', entity_key,
              CASE WHEN programs <> '' THEN concat(' (', programs, ')') ELSE '' END,
              ', list of ', coalesce(list_date, 'unknown date'), ': ', tier, ' match ',
              CAST(round(score, 2) AS VARCHAR), '; ', explanation) AS detail,
       ref AS refs,
       CASE WHEN tier = 'strong' THEN 35 ELSE 15 END AS weight
FROM ranked WHERE rank = 1
