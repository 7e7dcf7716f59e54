-- id: BEH_PREPAYMENT_AGGRESSION
-- title: Asks again and again to be paid before the work, or turns hostile over it
-- category: hiring
-- weight: 15
-- sources: PSA-2023, ADV-2022
-- description: The person's own messages ask to be paid before the work is done (a deposit,
--   an advance, half up front) in two or more messages, or ask once and then write with
--   insults or threats; a refusal from the organisation in between is named. The 2023
--   guidance: they "repeatedly request prepayment or show anger or aggression when the
--   request is denied". Messages are read by the message classifier (English, Korean,
--   Russian); each piece of evidence quotes the words that triggered it.
WITH asks AS (
  SELECT person_id, at, evidence, ref
  FROM message_findings
  WHERE category = 'prepayment' AND coalesce(direction, 'from_person') = 'from_person'
),
first_ask AS (
  SELECT person_id, min(at) AS first_at FROM asks GROUP BY person_id
),
anger AS (
  SELECT f.person_id, f.at, f.evidence, f.ref
  FROM message_findings f
  JOIN first_ask a ON a.person_id = f.person_id
  WHERE f.category = 'aggression' AND coalesce(f.direction, 'from_person') = 'from_person'
    AND (f.at IS NULL OR a.first_at IS NULL OR f.at >= a.first_at)
),
refused AS (
  SELECT f.person_id, count(*) AS n, array_agg(f.ref) AS refs
  FROM message_findings f
  JOIN first_ask a ON a.person_id = f.person_id
  WHERE f.category = 'refusal' AND (f.at IS NULL OR a.first_at IS NULL OR f.at >= a.first_at)
  GROUP BY f.person_id
),
angry AS (
  SELECT person_id, count(*) AS n, array_agg(evidence ORDER BY at) AS quotes,
         array_agg(ref ORDER BY at) AS refs
  FROM anger GROUP BY person_id
),
asked AS (
  SELECT person_id, count(*) AS n, array_agg(evidence ORDER BY at) AS quotes,
         array_agg(ref ORDER BY at) AS refs
  FROM asks GROUP BY person_id
)
SELECT a.person_id,
       concat_ws(' ',
         concat(CAST(a.n AS VARCHAR), CASE WHEN a.n = 1 THEN ' message asks' ELSE ' messages ask' END,
                ' to be paid before the work: ', array_to_string(array_slice(a.quotes, 1, 3), '; ')),
         CASE WHEN r.n IS NOT NULL THEN concat('The organisation refused (', CAST(r.n AS VARCHAR), ' messages).') END,
         CASE WHEN g.n IS NOT NULL THEN concat('Then hostile: ', array_to_string(array_slice(g.quotes, 1, 2), '; ')) END
       ) AS detail,
       array_slice(array_concat(a.refs, coalesce(r.refs, make_array()), coalesce(g.refs, make_array())), 1, 12) AS refs,
       CASE WHEN g.n IS NOT NULL AND a.n >= 2 THEN 25 WHEN g.n IS NOT NULL THEN 20 ELSE 15 END AS weight
FROM asked a
LEFT JOIN angry g ON g.person_id = a.person_id
LEFT JOIN refused r ON r.person_id = a.person_id
WHERE a.n >= 2 OR g.n IS NOT NULL
