-- id: ONB_ADDR_CHANGE_FREQ
-- title: Frequent changes of home or shipping address
-- category: address
-- weight: 10
-- sources: SECUREWORKS-2024, U42-2024
-- description: Three or more changes of home or shipping address within 180 days
--   (default ours): delivery-address changes are named by Secureworks and Unit 42.
SELECT person_id,
       concat(n, ' address changes within 180 days from ',
              CAST(CAST(start AS DATE) AS VARCHAR)) AS detail,
       refs
FROM change_windows
WHERE grp = 'address' AND rn = 1 AND n >= 3
