-- id: WL_CONTACT_LISTED
-- title: An email, phone or website the person uses is on a sanctions list
-- category: watchlist
-- weight: 35
-- sources: OFAC-SDN, UN-1718, ADV-2022
-- description: An email address, phone number or website the person gave, or the domain of
--   an employer in their work history, is listed for a sanctioned party (OFAC lists the
--   websites and emails of DPRK cyber and IT fronts). The seized front-company domains of
--   redflag's curated list are left to FRONT_SEIZED_DOMAIN, so one fact is not counted twice.
SELECT person_id,
       concat(CASE max(subject) WHEN 'email' THEN 'Email ' WHEN 'phone' THEN 'Phone '
                   WHEN 'employer_domain' THEN 'Employer domain ' ELSE 'Website ' END,
              max(screened), ' is listed for ', max(entity_key), ' on ', max(list_name),
              ' (', max(matched), CASE WHEN max(programs) <> '' THEN concat('; ', max(programs)) ELSE '' END,
              ', list of ', coalesce(max(list_date), 'unknown date'), ')') AS detail,
       array_sort(array_agg(DISTINCT ref)) AS refs
FROM watchlist_hits
WHERE subject IN ('email', 'phone', 'website', 'employer_domain')
  AND NOT (list = 'redflag' AND subject IN ('website', 'employer_domain', 'email'))
GROUP BY person_id, entity_key
