-- id: ONB_SHIP_ADDR_CHANGED
-- title: Shipping address changed shortly before equipment shipped
-- category: address
-- weight: 15
-- sources: SECUREWORKS-2024, U42-2024, KB4-2024
-- description: The address a company laptop is sent to was changed within 14 days before
--   the shipment, and the laptop went to the new address. Secureworks and Unit 42 name
--   last-minute delivery-address changes; in the KnowBe4 case the device went to a laptop
--   farm. A change of the shipping address counts more than a home move.
SELECT s.person_id,
       concat('Equipment shipped to ', max(s.address), ' ',
              round(min(date_part('epoch', s.at) - date_part('epoch', c.at)) / 86400.0, 1),
              ' days after the ', max(c.field), ' was changed to it') AS detail,
       array_sort(array_agg(DISTINCT s.ref)) || array_sort(array_agg(DISTINCT rf_ref('changes', c._line))) AS refs,
       max(CASE WHEN c.field = 'shipping_address' THEN 15 ELSE 8 END) AS weight
FROM shipment_keys s
JOIN changes c ON c.person_id = s.person_id
WHERE c.field IN ('shipping_address', 'address')
  AND s.at IS NOT NULL
  AND c.at <= s.at
  AND date_part('epoch', s.at) - date_part('epoch', c.at) <= 14 * 86400
  AND rf_address_key(c.new_value) = s.key
GROUP BY s.person_id
