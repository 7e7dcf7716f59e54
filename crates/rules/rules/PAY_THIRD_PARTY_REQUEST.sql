-- id: PAY_THIRD_PARTY_REQUEST
-- title: Asks for the pay to go to someone else's account
-- category: payment
-- weight: 15
-- sources: DOJ-HWA, ADV-2022, SEAL
-- description: One of the person's own messages asks that their pay go to an account that
--   is not theirs: a relative's, a friend's, an agent's or another company's, or one in
--   another name. In US v. Hwa workers were paid through money-service accounts in borrowed
--   names; the advisory describes pay routed through facilitators. The evidence quotes the
--   message; ONB_PAYEE_NAME_MISMATCH checks the payroll records themselves.
SELECT person_id,
       concat(CAST(count(*) AS VARCHAR), CASE WHEN count(*) = 1 THEN ' message asks' ELSE ' messages ask' END,
              ' for the pay to go to someone else''s account: ',
              array_to_string(array_slice(array_agg(evidence ORDER BY at), 1, 3), '; ')) AS detail,
       array_slice(array_agg(ref ORDER BY at), 1, 10) AS refs
FROM message_findings
WHERE category = 'third_party_payment' AND coalesce(direction, 'from_person') = 'from_person'
GROUP BY person_id
