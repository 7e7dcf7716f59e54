-- id: ONB_ADDR_CHANGE_FREQ
-- title: Frequent changes of home or shipping address
-- category: address
-- weight: 10
-- sources: SECUREWORKS-2024, U42-2024
-- description: Three or more changes of home or shipping address within 180 days
--   (default ours): delivery-address changes are named by Secureworks and Unit 42.
WITH ch AS (
  SELECT person_id, at, _line FROM changes WHERE field IN ('address', 'shipping_address')
),
windows AS (
  SELECT a.person_id, a.at AS start, count(*) AS n,
         array_agg(rf_ref('changes', b._line)) AS refs
  FROM ch a
  JOIN ch b ON a.person_id = b.person_id AND b.at >= a.at AND b.at < a.at + INTERVAL '180 days'
  GROUP BY a.person_id, a.at, a._line
),
ranked AS (
  SELECT *, row_number() OVER (PARTITION BY person_id ORDER BY n DESC, start) AS rn
  FROM windows WHERE n >= 3
)
SELECT person_id,
       concat(n, ' address changes within 180 days from ',
              CAST(CAST(start AS DATE) AS VARCHAR)) AS detail,
       refs
FROM ranked WHERE rn = 1
