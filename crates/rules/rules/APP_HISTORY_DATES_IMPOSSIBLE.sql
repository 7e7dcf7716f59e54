-- id: APP_HISTORY_DATES_IMPOSSIBLE
-- title: Work or education dates that cannot be true
-- category: hiring
-- weight: 10
-- sources: ADV-2022, PSA-2023
-- description: The recorded work history or education has dates that cannot all be true: a
--   job or course of study that ends before it starts, a job that starts before the person
--   turned 14, or a degree finished before 15, by the recorded date of birth. The 2022
--   advisory names inconsistent "educational history, work history" among the signs of a
--   borrowed or invented identity: a worker's own history pasted onto a young lender's
--   identity gives jobs from childhood. Gaps and overlapping jobs are not counted: career
--   breaks, part-time and freelance work make both ordinary.
WITH born AS (
  SELECT person_id, date_of_birth, _line FROM people WHERE date_of_birth IS NOT NULL
),
jobs AS (
  SELECT w.person_id, w._line, b._line AS born_line,
         CASE
           WHEN w."end" < w.start THEN
             concat('the job at ', coalesce(w.employer, 'an employer'), ' ends (', CAST(w."end" AS VARCHAR),
                    ') before it starts (', CAST(w.start AS VARCHAR), ')')
           WHEN w.start < b.date_of_birth + INTERVAL '14 years' THEN
             concat('the job at ', coalesce(w.employer, 'an employer'), ' starts ', CAST(w.start AS VARCHAR),
                    ', before the person turned 14 (born ', CAST(b.date_of_birth AS VARCHAR), ')')
         END AS problem,
         w."end" < w.start AS reversed
  FROM work_history w
  LEFT JOIN born b ON b.person_id = w.person_id
  WHERE w.person_id IS NOT NULL
),
schools AS (
  SELECT e.person_id, e._line, b._line AS born_line,
         CASE
           WHEN e.end_year < e.start_year THEN
             concat('studies at ', coalesce(e.institution, 'a school'), ' end (', CAST(e.end_year AS VARCHAR),
                    ') before they start (', CAST(e.start_year AS VARCHAR), ')')
           WHEN e.end_year < date_part('year', b.date_of_birth) + 15 THEN
             concat(coalesce(e.degree, 'a degree'), ' from ', coalesce(e.institution, 'a school'), ' finished in ',
                    CAST(e.end_year AS VARCHAR), ', before the person turned 15 (born ',
                    CAST(b.date_of_birth AS VARCHAR), ')')
         END AS problem,
         e.end_year < e.start_year AS reversed
  FROM education e
  LEFT JOIN born b ON b.person_id = e.person_id
  WHERE e.person_id IS NOT NULL
),
found AS (
  SELECT person_id, problem, rf_ref('work_history', _line) AS ref,
         CASE WHEN NOT coalesce(reversed, false) THEN rf_ref('people', born_line) END AS born_ref
  FROM jobs WHERE problem IS NOT NULL
  UNION ALL
  SELECT person_id, problem, rf_ref('education', _line) AS ref,
         CASE WHEN NOT coalesce(reversed, false) THEN rf_ref('people', born_line) END AS born_ref
  FROM schools WHERE problem IS NOT NULL
)
SELECT person_id,
       concat(CAST(count(*) AS VARCHAR),
              CASE WHEN count(*) = 1 THEN ' impossible date: ' ELSE ' impossible dates: ' END,
              array_to_string(array_slice(array_agg(problem ORDER BY ref), 1, 3), '; '),
              CASE WHEN count(*) > 3 THEN '; …' ELSE '' END) AS detail,
       array_slice(array_concat(array_agg(ref ORDER BY ref),
                                coalesce(array_agg(DISTINCT born_ref) FILTER (WHERE born_ref IS NOT NULL), make_array())), 1, 12) AS refs,
       CASE WHEN count(*) >= 2 THEN 15 ELSE 10 END AS weight
FROM found
GROUP BY person_id
