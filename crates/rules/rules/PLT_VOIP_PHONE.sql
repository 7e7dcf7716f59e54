-- id: PLT_VOIP_PHONE
-- title: Phone number in a range reserved for VoIP services
-- category: identity
-- weight: 8
-- sources: MSFT-2025
-- description: A phone (or MFA device) number the person gave lies in a range its country's
--   numbering plan reserves for VoIP services (libphonenumber metadata; e.g. UK 056).
--   Facilitators buy numbers and SIM cards for workers' verification. Weak on its own: many
--   people use VoIP legitimately, and North American VoIP numbers cannot be told from others
--   by the plan at all, so this only corroborates.
SELECT c.person_id,
       concat('Phone ', array_to_string(array_sort(array_agg(DISTINCT c.value)), ', '),
              ' is in a VoIP range of its numbering plan') AS detail,
       array_sort(array_agg(DISTINCT rf_ref('contacts', c._line))) AS refs
FROM contacts c
LEFT JOIN people p ON p.person_id = c.person_id
WHERE c.kind IN ('phone', 'mfa_device')
  AND rf_phone_voip(c.value, coalesce(p.claimed_country, '')) = 'true'
GROUP BY c.person_id
