-- id: NET_FLAGGED_NETWORK
-- title: In a persona network whose other members are flagged
-- category: identity
-- weight: 25
-- sources: ADV-2022, DOJ-CHAPMAN, DOJ-DIDENKO, PSA-2024
-- phase: 3
-- description: The person is linked (shared address, account, phone, device, identity or a
--   referral) to other people who are at medium or above on other evidence. Workers run
--   many personas and facilitators serve many workers, so the network is judged as a whole:
--   with a member at high or critical this weighs 25, with members at medium only 12. It
--   reads the scores before network evidence, so it never feeds on itself. Households of two
--   or three at one home never form such links.
WITH others AS (
  SELECT a.person_id, a.network, max(a.refs) AS refs,
         count(*) AS n,
         sum(CASE WHEN b.level IN ('high', 'critical') THEN 1 ELSE 0 END) AS severe,
         sum(CASE WHEN b.level = 'medium' THEN 1 ELSE 0 END) AS medium,
         array_agg(b.person_id ORDER BY b.score DESC, b.person_id) AS ids
  FROM network_members a
  JOIN network_members b ON a.network = b.network AND a.person_id <> b.person_id
  GROUP BY a.person_id, a.network
)
SELECT person_id,
       concat('In persona network ', network, ' with ', CAST(n AS VARCHAR), ' other people, ',
              CASE WHEN severe > 0 THEN concat(CAST(severe AS VARCHAR), ' of them at high or critical')
                   ELSE concat(CAST(medium AS VARCHAR), ' of them at medium') END,
              ' on their own evidence (most flagged first: ',
              array_to_string(array_slice(ids, 1, 5), ', '),
              CASE WHEN n > 5 THEN ', …' ELSE '' END, ')') AS detail,
       refs,
       CASE WHEN severe > 0 THEN 25 ELSE 12 END AS weight
FROM others
WHERE severe > 0 OR medium > 0
