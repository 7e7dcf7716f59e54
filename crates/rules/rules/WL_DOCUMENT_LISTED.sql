-- id: WL_DOCUMENT_LISTED
-- title: An identity document or tax number the person gave is on a sanctions list
-- category: watchlist
-- weight: 60
-- sources: OFAC-SDN, UN-1718, ADV-2022
-- description: A passport, national identity, registration or tax number the person gave
--   equals one listed for a sanctioned party (letters and digits compared, spacing and
--   punctuation ignored). A listed document sets the level to at least high (see the scoring
--   floors).
SELECT person_id,
       concat(CASE WHEN max(subject) = 'tax_id' THEN 'Tax number ' ELSE 'Identity document ' END,
              max(screened), ' is listed for ', max(entity_key), ' on ', max(list_name),
              ' (', max(matched), CASE WHEN max(programs) <> '' THEN concat('; ', max(programs)) ELSE '' END,
              ', list of ', coalesce(max(list_date), 'unknown date'), ')') AS detail,
       array_sort(array_agg(DISTINCT ref)) AS refs
FROM watchlist_hits WHERE subject IN ('id_document', 'tax_id')
GROUP BY person_id, entity_key
