-- id: PAY_ACCOUNT_SHARED_MANY
-- title: One payout or bank account behind several unrelated people
-- category: payment
-- weight: 30
-- sources: ADV-2022, DOJ-DIDENKO, DOJ-CHAPMAN, DOJ-HWA
-- description: Pay for different people goes to the same bank, payout or crypto account.
--   In US v. Didenko three money-transmitter accounts served about 871 proxy identities;
--   Chapman received the wages of many identities. Members of one small household
--   (a joint account) are not counted against each other, nor are staff of one staffing
--   vendor paid through the vendor's account (a front vendor is ONB_SHELL_STAFFING_CO).
WITH accounts AS (
  SELECT person_id, key, value AS raw, ref FROM contact_keys
  WHERE kind IN ('bank_account', 'payout_account', 'crypto_address') AND key IS NOT NULL
  UNION ALL
  SELECT person_id, rf_account_key(account), account, rf_ref('payments', _line)
  FROM payments WHERE direction = 'payout' AND account IS NOT NULL
),
holders AS (SELECT DISTINCT person_id, key FROM accounts WHERE key IS NOT NULL),
pairs AS (
  SELECT DISTINCT a.person_id, a.key, b.person_id AS other_id
  FROM holders a
  JOIN holders b ON a.key = b.key AND a.person_id <> b.person_id
  JOIN people pa ON pa.person_id = a.person_id
  JOIN people pb ON pb.person_id = b.person_id
  LEFT JOIN households hh ON hh.person_id = a.person_id AND hh.other_id = b.person_id
  WHERE hh.person_id IS NULL
    -- Staff of one vendor paid through it; a person without a vendor is never excused.
    AND NOT coalesce(rf_name_key(pa.vendor) <> '' AND rf_name_key(pa.vendor) = rf_name_key(pb.vendor), false)
),
others AS (
  SELECT person_id, key, count(*) AS n, array_agg(other_id) AS related
  FROM pairs GROUP BY person_id, key
)
SELECT a.person_id,
       concat('Pay goes to account ', max(a.raw), ', which also receives pay for ',
              max(o.n), ' other unrelated people') AS detail,
       array_sort(array_agg(DISTINCT a.ref)) AS refs,
       max(o.related) AS related,
       least(22 + 4 * max(o.n), 40) AS weight
FROM accounts a
JOIN others o ON o.person_id = a.person_id AND o.key = a.key
GROUP BY a.person_id, a.key
