-- id: APP_TECH_ANACHRONISM
-- title: Résumé claims technologies before they existed
-- category: hiring
-- weight: 12
-- sources: DTEX-2024
-- description: The résumé names a technology at a job that ended before the technology first
--   became public (SwiftUI at a job of 2012–2015), or claims more years of experience with it
--   than it has existed ("10 years of Kubernetes" in 2020). DTEX describes DPRK applicants'
--   résumés claiming "experience with technologies before those technologies had ever
--   existed": histories written backwards from today's job ads. Release dates are the
--   earliest public release or preview, each with its source, and a job counts by its end
--   year, so a finding is a claim that cannot be true; still ask the person before reading
--   more into it (a typo in a year does the same).
SELECT person_id,
       concat(CAST(count(*) AS VARCHAR),
              CASE WHEN count(*) = 1 THEN ' impossible claim: ' ELSE ' impossible claims: ' END,
              array_to_string(array_slice(array_agg(concat(claim, ' ("', quote, '"; date: ', source_url, ')') ORDER BY ref), 1, 3), '; '),
              CASE WHEN count(*) > 3 THEN '; …' ELSE '' END) AS detail,
       array_slice(array_agg(ref ORDER BY ref), 1, 10) AS refs,
       CASE WHEN count(DISTINCT technology) >= 2 THEN 15 ELSE 12 END AS weight
FROM tech_anachronisms
GROUP BY person_id
