-- Every equipment shipment with its normalised address key, computed once for the rules that
-- compare shipment addresses with homes, other people's shipments and address changes.
SELECT asset_id, person_id, at, address, status, rf_address_key(address) AS key,
       rf_ref('shipments', _line) AS ref
FROM shipments
