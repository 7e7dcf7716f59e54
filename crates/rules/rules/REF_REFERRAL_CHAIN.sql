-- id: REF_REFERRAL_CHAIN
-- title: Referred by, or referred, a person flagged on other evidence
-- category: hiring
-- weight: 15
-- sources: GIR-2025, SEAL, MANDIANT-2024
-- phase: 2
-- description: A referral link to someone who is at medium or above on their own
--   evidence. In the incident Google/Mandiant described, employee A referred employee B and
--   both were DPRK workers. Runs after a first scoring pass, so a referral never feeds on
--   itself.
WITH links AS (
  SELECT referee_id AS person_id, referrer_id AS other_id, 'Referred by ' AS how, _line
  FROM referrals
  UNION ALL
  SELECT referrer_id, referee_id, 'Referred ', _line FROM referrals
)
SELECT l.person_id,
       concat(l.how, p.full_name, ' (', l.other_id, '), who is at level ', s.level,
              ' on their own evidence') AS detail,
       [rf_ref('referrals', l._line)] AS refs,
       [l.other_id] AS related,
       CASE WHEN s.level IN ('high', 'critical') THEN 15 ELSE 10 END AS weight
FROM links l
JOIN prior_scores s ON s.person_id = l.other_id
JOIN people p ON p.person_id = l.other_id
WHERE s.level IN ('medium', 'high', 'critical') AND l.person_id <> l.other_id
