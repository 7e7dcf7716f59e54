-- id: APP_PHONE_COUNTRY_MISMATCH
-- title: Phone number from another country than the one claimed
-- category: locale
-- weight: 4
-- sources: ADV-2022, PSA-2023
-- description: A phone number the person gave, written in international form, belongs to a
--   country whose calling code differs from the claimed country's (+82 or +86 for someone
--   who says they live in the US). The 2022 advisory and the 2023 guidance describe workers
--   claiming to live in one country while their details point elsewhere. People keep their
--   numbers when they move and use foreign SIMs abroad: this is corroboration only (category
--   locale) and on its own never lifts anyone above low. A number written nationally is read
--   as the claimed country's and never counts; countries sharing a code (US and Canada,
--   Russia and Kazakhstan) are not told apart.
WITH phones AS (
  SELECT c.person_id, c._line, c.value, p.claimed_country,
         rf_phone_calling_code(c.value, p.claimed_country) AS phone_code,
         rf_country_calling_code(p.claimed_country) AS claimed_code
  FROM contacts c
  JOIN people p ON p.person_id = c.person_id
  WHERE c.kind IN ('phone', 'mfa_device') AND p.claimed_country IS NOT NULL
)
SELECT person_id,
       concat('Phone ', array_to_string(array_sort(array_agg(DISTINCT concat(value, ' (+', phone_code, ')'))), ', '),
              ' while claiming ', max(claimed_country), ' (+', max(claimed_code), ')') AS detail,
       array_sort(array_agg(DISTINCT rf_ref('contacts', _line))) AS refs
FROM phones
WHERE phone_code IS NOT NULL AND claimed_code IS NOT NULL AND phone_code <> claimed_code
GROUP BY person_id
