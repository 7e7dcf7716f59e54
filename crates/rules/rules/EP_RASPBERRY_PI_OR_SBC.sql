-- id: EP_RASPBERRY_PI_OR_SBC
-- title: Single-board computer attached to a person's device
-- category: device
-- weight: 12
-- sources: KB4-2024, MANDIANT-2024
-- description: A Raspberry Pi or other single-board computer shows up on a company device:
--   the KnowBe4 hire used a Raspberry Pi to load malware, and IP-KVMs are built on them.
--   The generic Linux gadget id 1d6b:0104 alone is not enough here.
WITH usb AS (
  SELECT person_id, device_id, _line,
         lower(regexp_replace(coalesce(vendor_id, ''), '^0[xX]', '')) AS vid,
         lower(regexp_replace(coalesce(product_id, ''), '^0[xX]', '')) AS pid,
         lower(coalesce(manufacturer, '')) AS maker
  FROM endpoint WHERE kind = 'usb' AND person_id IS NOT NULL
)
SELECT u.person_id,
       concat('USB device matching ', array_to_string(array_sort(array_agg(DISTINCT r.device)), '; '),
              ' on device ', array_to_string(array_sort(array_agg(DISTINCT u.device_id)), ', ')) AS detail,
       array_sort(array_agg(DISTINCT rf_ref('endpoint', u._line))) AS refs
FROM usb u
JOIN ref_usb_identities r
  ON r.kind = 'single_board_computer'
 AND ((u.vid = r.vendor_id AND u.pid = r.product_id AND u.vid <> '1d6b')
   OR (u.vid = '2e8a' AND r.vendor_id = '2e8a')
   OR (strpos(u.maker, 'raspberry pi') > 0 AND r.vendor_id = '2e8a'))
GROUP BY u.person_id
