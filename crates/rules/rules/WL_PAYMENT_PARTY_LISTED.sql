-- id: WL_PAYMENT_PARTY_LISTED
-- title: Pay goes to, or money comes from, a sanctioned party
-- category: watchlist
-- weight: 40
-- sources: OFAC-SDN, UN-1718, ADV-2022
-- description: The holder of an account a person's pay goes to, or the counterparty of money
--   the person received, matches a sanctioned person or organisation (for example the
--   facilitators and banks that moved IT-worker wages, such as Korea Kwangson Banking Corp).
--   A strong match weighs 40, an alert-level one 15.
WITH ranked AS (
  SELECT *, row_number() OVER (PARTITION BY person_id ORDER BY score DESC, subject, entity_key) AS rank,
         count(DISTINCT ref) OVER (PARTITION BY person_id, entity_key) AS rows_hit
  FROM watchlist_hits WHERE subject IN ('payee', 'counterparty')
)
SELECT person_id,
       concat(CASE WHEN subject = 'payee' THEN 'Pay goes to an account held by '
                   ELSE 'Money came from ' END,
              screened, ', which matches ', matched, ', ', list_name, ' entry ', entity_key,
              CASE WHEN programs <> '' THEN concat(' (', programs, ')') ELSE '' END,
              ', list of ', coalesce(list_date, 'unknown date'), ': ', tier, ' match ',
              CAST(round(score, 2) AS VARCHAR), ' in ', CAST(rows_hit AS VARCHAR), ' payment(s); ',
              explanation) AS detail,
       ref AS refs,
       CASE WHEN tier = 'strong' THEN 40 ELSE 15 END AS weight
FROM ranked WHERE rank = 1
