-- id: ONB_PAY_PLATFORM_OR_CRYPTO
-- title: Pay requested or received in cryptocurrency or through a payment platform
-- category: payment
-- weight: 15
-- sources: ADV-2022, SECUREWORKS-2024, SEAL
-- description: Cryptocurrency pay (for anyone), or payment-platform pay for an employee or
--   contractor rather than a freelancer, for whom platforms are normal. The 2022 advisory
--   names requests for payment in cryptocurrency; Secureworks names Payoneer.
WITH asks AS (
  SELECT person_id, method AS how, rf_ref('payments', _line) AS ref
  FROM payments WHERE direction = 'payout' AND method IN ('crypto', 'payment_platform')
  UNION ALL
  SELECT person_id, lower(trim(new_value)), rf_ref('changes', _line)
  FROM changes
  WHERE field = 'payout_method' AND lower(trim(new_value)) IN ('crypto', 'payment_platform')
  UNION ALL
  SELECT person_id, 'crypto', ref FROM contact_keys WHERE kind = 'crypto_address'
)
SELECT a.person_id,
       concat('Asked for or received pay by ',
              array_to_string(array_sort(array_agg(DISTINCT replace(a.how, '_', ' '))), ' and '),
              ' as ', coalesce(max(p.employment_type), 'worker')) AS detail,
       array_sort(array_agg(DISTINCT a.ref)) AS refs,
       CASE WHEN bool_or(a.how = 'crypto') THEN 18 ELSE 10 END AS weight
FROM asks a
JOIN people p ON p.person_id = a.person_id
WHERE a.how = 'crypto' OR coalesce(p.employment_type, '') <> 'freelancer'
GROUP BY a.person_id
