-- For each person and kind of record change (address or payout details), the busiest
-- 180-day window: how many changes it holds and which rows. `rn = 1` marks the busiest.
WITH ch AS (
  SELECT person_id, at, _line,
         CASE WHEN field IN ('address', 'shipping_address') THEN 'address'
              WHEN field IN ('bank_account', 'payout_account', 'payout_method') THEN 'payout'
         END AS grp
  FROM changes
  WHERE at IS NOT NULL
),
windows AS (
  SELECT a.person_id, a.grp, a.at AS start, count(*) AS n,
         array_agg(rf_ref('changes', b._line)) AS refs
  FROM ch a
  JOIN ch b ON a.person_id = b.person_id AND a.grp = b.grp
           AND b.at >= a.at AND b.at < a.at + INTERVAL '180 days'
  WHERE a.grp IS NOT NULL
  GROUP BY a.person_id, a.grp, a.at, a._line
)
SELECT person_id, grp, start, n, refs,
       row_number() OVER (PARTITION BY person_id, grp ORDER BY n DESC, start) AS rn
FROM windows
