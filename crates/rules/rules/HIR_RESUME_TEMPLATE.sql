-- id: HIR_RESUME_TEMPLATE
-- title: Résumé copied from the same template as other applicants'
-- category: hiring
-- weight: 20
-- sources: MANDIANT-2024, ADV-2022
-- description: The person's résumé shares whole passages with other people's résumés once
--   names, contact details, numbers and dates are set aside: one template behind several
--   personas. Mandiant reports "similar resumes" across DPRK IT-worker applicants; the
--   advisory names reused or inconsistent profiles. Found by MinHash/LSH over five-word
--   phrases that are not common in the dataset (stock phrases everyone uses never link), and
--   confirmed by at least ten shared phrases. The evidence quotes the shared passages.
SELECT person_id,
       concat('Résumé shares ', CAST(max(shared) AS VARCHAR), ' distinctive phrases (Jaccard ',
              CAST(round(max(jaccard), 2) AS VARCHAR), ') with the résumés of ',
              CAST(count(DISTINCT other_id) AS VARCHAR), ' other people, e.g. "',
              split_part(max(sample), ' | ', 1), '"') AS detail,
       array_sort(array_agg(DISTINCT ref)) || array_sort(array_agg(DISTINCT other_ref)) AS refs,
       array_sort(array_agg(DISTINCT other_id)) AS related,
       least(15 + 5 * count(DISTINCT other_id), 30) AS weight
FROM resume_near_dups
GROUP BY person_id
