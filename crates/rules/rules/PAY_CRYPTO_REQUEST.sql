-- id: PAY_CRYPTO_REQUEST
-- title: Asks to be paid in cryptocurrency
-- category: payment
-- weight: 12
-- sources: ADV-2022, SEAL
-- description: One of the person's own messages asks to be paid in cryptocurrency (USDT and
--   other stablecoins, bitcoin, a wallet address given for the pay), as the 2022 advisory
--   and SEAL describe. Talk about crypto as the subject of the work is not counted. The
--   evidence quotes the message and the words that triggered it; screen any wallet address
--   against the sanctions lists (WL_CRYPTO_LISTED does when it is in contacts).
SELECT person_id,
       concat(CAST(count(*) AS VARCHAR), CASE WHEN count(*) = 1 THEN ' message asks' ELSE ' messages ask' END,
              ' to be paid in cryptocurrency: ',
              array_to_string(array_slice(array_agg(evidence ORDER BY at), 1, 3), '; ')) AS detail,
       array_slice(array_agg(ref ORDER BY at), 1, 10) AS refs,
       CASE WHEN count(*) >= 2 THEN 15 ELSE 12 END AS weight
FROM message_findings
WHERE category = 'crypto_payment' AND coalesce(direction, 'from_person') = 'from_person'
GROUP BY person_id
