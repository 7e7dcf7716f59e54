-- id: ONB_BANK_CHANGE_FREQ
-- title: Frequent changes of bank or payout details
-- category: payment
-- weight: 15
-- sources: SECUREWORKS-2024
-- description: Three or more changes of bank account, payout account or payout method
--   within 180 days (default ours; Secureworks names frequent bank-detail changes).
SELECT person_id,
       concat(n, ' changes of bank or payout details within 180 days from ',
              CAST(CAST(start AS DATE) AS VARCHAR)) AS detail,
       refs
FROM change_windows
WHERE grp = 'payout' AND rn = 1 AND n >= 3
