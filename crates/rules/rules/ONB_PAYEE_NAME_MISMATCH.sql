-- id: ONB_PAYEE_NAME_MISMATCH
-- title: Pay goes to an account held in another name
-- category: payment
-- weight: 18
-- sources: DOJ-HWA, SECUREWORKS-2024, SEAL
-- description: The holder of the account a person's pay goes to does not match the
--   person's name (allowing for order, accents, initials and middle names). In US v. Hwa
--   employee "R.W." was paid into "J.H."'s money-service account. Pay to the staffing
--   vendor that supplies the person is normal and not counted.
SELECT p.person_id,
       concat('Pay for ', p.full_name, ' goes to an account held by ',
              array_to_string(array_sort(array_agg(DISTINCT pay.account_holder)), ', ')) AS detail,
       array_sort(array_agg(DISTINCT rf_ref('payments', pay._line))) AS refs
FROM payments pay
JOIN people p ON p.person_id = pay.person_id
WHERE pay.direction = 'payout'
  AND pay.account_holder IS NOT NULL
  AND NOT rf_names_match(pay.account_holder, p.full_name)
  AND (p.vendor IS NULL OR rf_name_key(pay.account_holder) <> rf_name_key(p.vendor))
GROUP BY p.person_id, p.full_name
