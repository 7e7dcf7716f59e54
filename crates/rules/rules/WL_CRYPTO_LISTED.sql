-- id: WL_CRYPTO_LISTED
-- title: A crypto address the person uses is on a sanctions list
-- category: watchlist
-- weight: 60
-- sources: OFAC-SDN, ADV-2022
-- description: A digital-currency address the person gave for pay, or that payments went to,
--   is listed by OFAC (SDN remarks `Digital Currency Address - XBT/ETH/...`), compared
--   exactly. The 2022 advisory names crypto payouts as a way IT-worker wages reach the DPRK;
--   OFAC lists the addresses of designated facilitators such as KIM Sang Man. A listed address
--   sets the level to at least high (see the scoring floors).
SELECT person_id,
       concat('Crypto address ', max(screened), ' is listed: ', max(list_name), ' entry ',
              max(entity_key), ' (', max(matched), CASE WHEN max(programs) <> '' THEN concat('; ', max(programs)) ELSE '' END,
              ', list of ', coalesce(max(list_date), 'unknown date'), ')') AS detail,
       array_sort(array_agg(DISTINCT ref)) AS refs
FROM watchlist_hits WHERE subject = 'crypto_address'
GROUP BY person_id, entity_key
