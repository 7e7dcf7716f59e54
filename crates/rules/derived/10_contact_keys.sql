-- Every contact, with the normalised key used to compare it with other people's contacts.
SELECT person_id, kind, rf_contact_key(kind, value) AS key, value, observed_at,
       rf_ref('contacts', _line) AS ref
FROM contacts
