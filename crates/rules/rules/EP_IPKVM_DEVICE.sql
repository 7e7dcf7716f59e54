-- id: EP_IPKVM_DEVICE
-- title: IP-KVM hardware attached to a person's device
-- category: device
-- weight: 30
-- sources: MANDIANT-2024, MSFT-2025, PIKVM-ID
-- description: A USB device with the default identity of an IP-KVM (PiKVM, TinyPilot,
--   JetKVM, BliKVM, CH9329 adapters): laptop farms use them to let workers abroad control
--   company laptops. A match on the vendor/product id and the maker or product string
--   counts fully; a bare 1d6b:0104 (any Linux USB gadget) counts less. The identities are
--   owner-changeable, so their absence proves nothing.
WITH usb AS (
  SELECT person_id, device_id, _line,
         lower(regexp_replace(coalesce(vendor_id, ''), '^0[xX]', '')) AS vid,
         lower(regexp_replace(coalesce(product_id, ''), '^0[xX]', '')) AS pid,
         lower(coalesce(manufacturer, '')) AS maker,
         lower(coalesce(product, '')) AS product
  FROM endpoint WHERE kind = 'usb' AND person_id IS NOT NULL
),
hits AS (
  SELECT u.person_id, u.device_id, r.device, rf_ref('endpoint', u._line) AS ref,
         CASE WHEN (u.vid = r.vendor_id AND u.pid = r.product_id)
                AND ((r.manufacturer <> '' AND u.maker = lower(r.manufacturer))
                  OR (r.product <> '' AND u.product = lower(r.product))) THEN 30
              WHEN r.manufacturer <> '' AND u.maker = lower(r.manufacturer)
                AND strpos(u.maker, 'kvm') + strpos(u.maker, 'tinypilot') > 0 THEN 25
              WHEN u.vid = r.vendor_id AND u.pid = r.product_id AND u.vid <> '1d6b' THEN 25
              ELSE 12 END AS strength
  FROM usb u
  JOIN ref_usb_identities r
    ON r.kind = 'ip_kvm'
   AND ((u.vid = r.vendor_id AND u.pid = r.product_id)
     OR (r.manufacturer <> '' AND u.maker = lower(r.manufacturer)
         AND strpos(u.maker, 'kvm') + strpos(u.maker, 'tinypilot') > 0))
)
SELECT person_id,
       concat('USB device matching ', array_to_string(array_sort(array_agg(DISTINCT device)), '; '),
              ' on device ', array_to_string(array_sort(array_agg(DISTINCT device_id)), ', ')) AS detail,
       array_sort(array_agg(DISTINCT ref)) AS refs,
       max(strength) AS weight
FROM hits
GROUP BY person_id
