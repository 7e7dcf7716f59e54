-- id: APP_US_ADDRESS_FOREIGN_EDU
-- title: US or Canadian address, schools only abroad, and a résumé shared with others
-- category: locale
-- weight: 5
-- sources: MANDIANT-2024
-- description: The person claims to live in the US or Canada, every school on record is
--   outside North America, and the résumé shares distinctive text with other applicants'
--   résumés: the combination Mandiant describes in DPRK applicant pools, "similar resumes
--   with U.S.-based addresses and non-North American education credentials". Studying
--   abroad is ordinary (many engineers are immigrants), so education never counts on its
--   own here: the shared résumé is required, the category only corroborates other evidence,
--   and on its own it never lifts anyone above low. Where every recorded job is outside the
--   claimed country too, the detail says so.
-- The shared résumé is the rarest part: only its people's schools and jobs are gathered
-- (a few hundred instead of everyone's), so the rule costs little on large workforces.
WITH shared AS (
  SELECT person_id, count(DISTINCT other_id) AS others,
         array_sort(array_agg(DISTINCT ref)) AS refs
  FROM resume_near_dups
  GROUP BY person_id
),
schools AS (
  SELECT e.person_id,
         array_sort(array_agg(DISTINCT e.country)) AS countries,
         array_agg(rf_ref('education', e._line) ORDER BY e._line) AS refs
  FROM education e
  JOIN shared r ON r.person_id = e.person_id
  GROUP BY e.person_id
  HAVING count(e.country) > 0 AND count(*) FILTER (WHERE e.country IN ('US', 'CA')) = 0
),
jobs AS (
  SELECT w.person_id,
         array_sort(array_agg(DISTINCT w.country)) AS countries,
         count(*) FILTER (WHERE w.country = p.claimed_country) AS at_home
  FROM work_history w
  JOIN shared r ON r.person_id = w.person_id
  JOIN people p ON p.person_id = w.person_id
  WHERE w.country IS NOT NULL
  GROUP BY w.person_id
)
SELECT p.person_id,
       concat('Claims ', p.claimed_country, '; every school on record is outside North America (',
              array_to_string(s.countries, ', '), ')',
              CASE WHEN j.at_home = 0 THEN concat('; every recorded job too (',
                                                 array_to_string(j.countries, ', '), ')') ELSE '' END,
              '; the résumé shares text with ',
              CASE WHEN r.others > 1 THEN concat(CAST(r.others AS VARCHAR), ' other applicants'' résumés')
                   ELSE 'another applicant''s résumé' END) AS detail,
       array_slice(array_concat(array_concat(s.refs, r.refs), make_array(rf_ref('people', p._line))), 1, 12) AS refs
FROM people p
JOIN schools s ON s.person_id = p.person_id
JOIN shared r ON r.person_id = p.person_id
LEFT JOIN jobs j ON j.person_id = p.person_id
WHERE p.claimed_country IN ('US', 'CA')
